// Child processes started by tests. Each runs in a process group of its own (`detached`), so that
// stopping it ends everything it started: `npx secuconnect-mock` runs the CLI as a grandchild and
// does not pass a kill signal on to it. Importing this module adds an afterAll to the test file
// that fails when a group it started is still running at the end (and then kills it).
import { spawn, type ChildProcessByStdio, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { afterAll, expect } from 'vitest';

export type Child = ChildProcessByStdio<null, Readable, Readable>;

/** Process group ids of the children started here and not yet seen ended. */
const groups = new Set<number>();

/** Spawns `command` as the leader of a new process group, stdout and stderr piped. */
export function spawnGroup(command: string, args: string[], options: Omit<SpawnOptions, 'detached' | 'stdio'> = {}): Child {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) groups.add(child.pid);
  return child;
}

/**
 * The live (not zombie) processes of a group, as `pid command`. Read from /proc where there is
 * one: a signal to a group with only zombies left still succeeds.
 */
export function groupMembers(pgid: number): string[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    try {
      process.kill(-pgid, 0);
      return [`group ${pgid}`];
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM' ? [`group ${pgid}`] : [];
    }
  }
  const members: string[] = [];
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== pgid || state === 'Z') continue;
      members.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Nothing left in the group.
  }
}

async function ended(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (groupMembers(pgid).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Ends the child's whole group: SIGTERM, then SIGKILL when it is still there after `graceMs`.
 * Resolves with what was still running when it was asked to stop (empty when it had ended).
 */
export async function stopGroup(child: Child, graceMs = 5000): Promise<string[]> {
  const pgid = child.pid;
  if (pgid === undefined) return [];
  const running = groupMembers(pgid);
  if (running.length > 0) {
    signalGroup(pgid, 'SIGTERM');
    if (!(await ended(pgid, graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      if (!(await ended(pgid, 2000))) throw new Error(`process group ${pgid} survived SIGKILL: ${groupMembers(pgid).join('; ')}`);
    }
  }
  groups.delete(pgid);
  return running;
}

afterAll(async () => {
  const left: string[] = [];
  for (const pgid of [...groups]) {
    const members = groupMembers(pgid);
    left.push(...members);
    if (members.length > 0) {
      signalGroup(pgid, 'SIGTERM');
      if (!(await ended(pgid, 5000))) signalGroup(pgid, 'SIGKILL');
    }
    groups.delete(pgid);
  }
  expect(left, 'processes a test started and left running').toEqual([]);
}, 30_000);

// Should the worker end before afterAll (a hook timing out), the groups still go.
process.on('exit', () => {
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
});
