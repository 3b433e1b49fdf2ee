/** `cdnbench schema`: prints the JSON Schema of scenario files (for editors and CI validation). */
import type { CommandModule } from 'yargs';
import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.js';

/** The JSON Schema of scenario files as written (input side: defaults are optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'cdnbench scenario',
  };
}

/** The schema command module. */
export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
  },
};
