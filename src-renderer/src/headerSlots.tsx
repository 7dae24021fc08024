/**
 * Controls that belong in the header of every screen (the auto bind/unbind switch lives here).
 * An area adds its control with a `header.tsx` exporting `HeaderControl`; found automatically.
 */
import type { ComponentType } from 'react';

const modules = import.meta.glob<{ HeaderControl: ComponentType }>('./pages/*/header.tsx', { eager: true });
export const headerSlots: ComponentType[] = Object.values(modules).map((m) => m.HeaderControl);
