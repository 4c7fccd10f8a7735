// `npm run typecheck`: every TypeScript project, two lanes at once (CI has two cores). The
// layer projects (shared/, server/, client/: each side's environment) run one after another in
// one lane, the whole repository (tests and scripts too, about as long) in the other. Fails
// when any project fails; each lane's output is printed when it ends, so lines do not mix.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const LANES = [['shared', 'server', 'client'], ['tsconfig.json']];

/** Runs `tsc -p project`; resolves with its exit code and what it printed. */
function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function lane(projects) {
  let failed = false;
  for (const project of projects) {
    const { code, output } = await check(project);
    process.stdout.write(output);
    if (code !== 0) {
      console.error(`typecheck: tsc -p ${project} failed (exit ${code})`);
      failed = true;
    }
  }
  return failed;
}

const failures = await Promise.all(LANES.map(lane));
if (failures.some(Boolean)) process.exit(1);
