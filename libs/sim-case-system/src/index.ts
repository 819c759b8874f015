export * from './case-system-sim.module';
export * from './case-system-sim.options';
export * from './case-system.simulator';
export * from './case-system.store';
export * from './churn.generator';
export * from './export-document.writer';
export * from './identity-number.generator';
