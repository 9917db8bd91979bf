/** `flow-studio worker --help`, apart from the worker so that printing it loads no queue library. */
export const WORKER_USAGE = `Usage: flow-studio worker --queue redis://HOST:PORT [--concurrency N] [--data-dir DIR]...
                          [--stall-seconds S] [--cell-timeout S] [--cell-memory MB]
                          [--tls-ca FILE] [--verbose]

  Runs the cells of the sweeps started with \`flow-studio sweep FLOW.yaml --queue ...\`.
  --queue URL          the Redis server of the queue: redis://[:PASSWORD@]HOST:PORT[/DB], or
                       rediss:// for TLS; the password may be in FLOW_STUDIO_QUEUE_PASSWORD
  --concurrency N      cells at once, each on its own thread (default: one per core)
  --data-dir DIR       a folder whose CSV files sweeps started with --by-path may read (repeat
                       for several); without one the worker reads only data shipped in the queue
  --stall-seconds S    a cell whose worker stops answering for S seconds goes to another worker
                       (default 30)
  --cell-timeout S     a cell running longer fails (default 3600)
  --cell-memory MB     a cell needing more memory fails (default 4096)
  --tls-ca FILE        a CA certificate to trust for a rediss:// queue
  --verbose            say when each cell starts and ends`;
