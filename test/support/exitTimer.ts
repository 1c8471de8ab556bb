/**
 * Preloaded into a CLI process by the timeout tests (`node --require`): reports on stderr how long the process
 * lived after it printed its report, so start-up time (module loading, which a loaded machine stretches) is
 * not counted against the key test's own bound.
 */
let printedAt: number | undefined;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
  printedAt ??= Date.now();
  return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;
process.on('exit', () => {
  process.stderr.write(`\nOKD_LINGER_MS=${printedAt === undefined ? -1 : Date.now() - printedAt}\n`);
});
