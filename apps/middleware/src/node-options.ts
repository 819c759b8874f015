/**
 * The V8 options a Brygga process runs with unless NODE_OPTIONS is set: docker/Dockerfile's
 * `ENV NODE_OPTIONS`, `npm start`, and the bench's processes (bench/process-stack.ts), so
 * the bench measures what operators run.
 *
 * Why: Node sizes the old generation from the machine (about 4 GiB on 24 GiB). With a limit
 * of 2 GiB or more V8 lets the old generation grow to four times what survived the last
 * full collection before it collects again; under 2 GiB the factor scales down towards 1.3
 * (about 1.6 at 1 GiB). Brygga's live heap is 40–70 MiB, but a feed load or a push burst
 * allocates fast: with Node's own sizing the API reached 311–315 MiB and a worker 343–356 MiB
 * of RSS, mostly old space and the Buffers it held waiting for a collection. With 1 GiB:
 * 205 and 222 MiB, and no more GC time. The limit is far above what a process needs (the
 * largest document read whole, 500,000 elements, needs about 300 MiB while it is parsed),
 * so it changes how soon V8 collects, not what fits.
 */
export const MIDDLEWARE_NODE_OPTIONS = '--max-old-space-size=1024';
