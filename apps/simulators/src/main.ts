import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startSimulators } from './start-simulators';

startSimulators()
  .then((running) => {
    const logger = new Logger('Simulators');
    for (const sim of running) logger.log(`${sim.name} simulator listening on ${sim.url}`);
  })
  .catch((error: unknown) => {
    console.error(`Simulators could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
