'use strict';
const fs = require('fs');
const candidate = require('./candidate.js');
for (const c of JSON.parse(fs.readFileSync(0, 'utf8'))) {
  let line;
  try {
    line = JSON.stringify({ actual: candidate.double(c.n) });
  } catch (e) {
    line = JSON.stringify({ error: String(e) });
  }
  fs.writeSync(3, line + '\n');
}
