/** What the flows log through; the app supplies it (nestjs-pino or the Nest logger), tests a silent one. */
export interface FlowLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
