// Random edits of the kind a person (or a bad paste) makes to a YAML file; seeded, so failures replay.
import type { Rng } from '../../../src/engine/types';

const NASTY = [':', '-', '[', ']', '{', '}', '#', "'", '"', '\n', '\t', ' ', ',', '&', '*', '!', '|', '>', '%', '@', '`', '?', '\\', 'é', '0'];
const VALUES = ['-1', '0', '1e30', '99999999999999999999', 'abc', 'true', 'null', '~', '1.5', '-2147483649', '""', '[]', '{}', '0x1F', '.inf', '!!binary aGk='];

export function mutate(text: string, rng: Rng): string {
  const lines = text.split('\n');
  const i = rng.int(0, Math.max(0, lines.length - 1));
  switch (rng.int(0, 6)) {
    case 0: {
      const at = rng.int(0, text.length);
      return text.slice(0, at) + NASTY[rng.int(0, NASTY.length - 1)] + text.slice(at);
    }
    case 1: {
      const at = rng.int(0, text.length);
      return text.slice(0, at) + text.slice(at + rng.int(1, 12));
    }
    case 2:
      lines[i] = lines[i].replace(/:\s*[^#\n]+/, `: ${VALUES[rng.int(0, VALUES.length - 1)]}`);
      return lines.join('\n');
    case 3:
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    case 4:
      lines[i] = rng.chance(0.5) ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
      return lines.join('\n');
    case 5:
      lines[i] = lines[i].replace(/[a-z]/, (c) => String.fromCharCode(((c.charCodeAt(0) - 96) % 26) + 97));
      return lines.join('\n');
    default:
      lines.splice(i, 1);
      return lines.join('\n');
  }
}

