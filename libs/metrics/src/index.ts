export * from './brygga-metrics';
