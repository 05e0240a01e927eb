/**
 * Everything a run creates is registered here the moment it exists, and removed after the check that created it and
 * again at the end of the run (last created, first removed), also when a check failed or threw. A failed removal is
 * reported, never silently dropped.
 */
export class CleanupRegistry {
  private readonly tasks: { label: string; undo: () => Promise<void> }[] = [];

  /** Registers how to remove a created resource. */
  add(label: string, undo: () => Promise<void>): void {
    this.tasks.push({ label, undo });
  }

  /** Forgets a resource a check already removed itself. */
  forget(label: string): void {
    const i = this.tasks.findIndex((t) => t.label === label);
    if (i >= 0) this.tasks.splice(i, 1);
  }

  /**
   * Removes one registered resource now (a check that creates many, one after another, keeps plan limits free);
   * when the removal fails it stays registered, so the end of the check retries it and reports what still fails.
   */
  async removeNow(label: string): Promise<void> {
    const task = this.tasks.find((t) => t.label === label);
    if (!task) return;
    try {
      await task.undo();
      this.forget(label);
    } catch {
      // Left registered: runAll retries it and reports the error.
    }
  }

  get size(): number {
    return this.tasks.length;
  }

  /** Runs every removal, newest first; returns the ones that failed. */
  async runAll(): Promise<string[]> {
    const errors: string[] = [];
    while (this.tasks.length) {
      const task = this.tasks.pop();
      if (!task) break;
      try {
        await task.undo();
      } catch (error) {
        errors.push(`${task.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return errors;
  }
}
