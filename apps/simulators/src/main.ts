import 'reflect-metadata';
import { startSimulators } from './start-simulators';

startSimulators()
  .then((running) => {
    // Written directly, not through Nest's Logger: creating the planning-tool simulator
    // narrows Nest's global log levels to warn and error, which swallowed these lines.
    for (const sim of running) console.log(`${sim.name} simulator listening on ${sim.url}`);
  })
  .catch((error: unknown) => {
    console.error(`Simulators could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
