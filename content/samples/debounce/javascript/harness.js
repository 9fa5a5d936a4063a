'use strict';
// Harness for the debounce sample. It reads a JSON array of cases
// {times, wait} on stdin, calls debounceTimes from candidate.js on each and
// writes one JSON line per case to file descriptor 3: {"actual": <result>},
// or {"error": "..."} when the candidate's code threw.

const fs = require('fs');
const candidate = require('./candidate.js');

function run(input) {
  return candidate.debounceTimes(input.times, input.wait);
}

// errorText describes anything thrown, even a value whose toString throws.
function errorText(e) {
  try {
    return String(e);
  } catch (_) {
    return 'uncaught value';
  }
}

// writeLine writes the whole line even when fd 3 is a non-blocking pipe.
function writeLine(line) {
  const buf = Buffer.from(line + '\n');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(3, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

function main() {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  for (const input of cases) {
    let line;
    try {
      const actual = run(input);
      line = JSON.stringify({ actual: actual === undefined ? null : actual });
    } catch (e) {
      line = JSON.stringify({ error: errorText(e) });
    }
    writeLine(line);
  }
}

main();
