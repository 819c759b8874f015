export * from './data-key.ring';
export * from './data.sealer';
export * from './data-seal.errors';
export * from './sealed-place';
export * from './data-key.rotator';
