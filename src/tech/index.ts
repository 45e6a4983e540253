// Registry of technology modules, by the id scenarios use as their track.
import type { TechModule } from '../engine/types';
import { kafka } from './kafka';

const TECHS: readonly TechModule[] = [kafka];

export function techById(id: string): TechModule | undefined {
  return TECHS.find((t) => t.id === id);
}

export function allTechs(): readonly TechModule[] {
  return TECHS;
}
