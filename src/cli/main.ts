#!/usr/bin/env node
import { buildProgram } from './program.js';

// Unknown commands and options make commander print an error and exit 1.
await buildProgram().parseAsync(process.argv);
