// Ownership of disposables: whatever a component creates (listeners, timers, emitters, views)
// is registered with it and released when it is disposed. Disposing twice is harmless.
import * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** Take ownership of `value`; if this is already disposed, release it at once. */
  protected own<T extends vscode.Disposable>(value: T): T {
    if (this.disposed) {
      value.dispose();
    } else {
      this.owned.push(value);
    }
    return value;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Last in, first out: listeners go before the emitters they listen to.
    for (const item of this.owned.splice(0).reverse()) {
      try {
        item.dispose();
      } catch (error) {
        console.error('[distributed-ops] dispose failed', error);
      }
    }
  }
}

/** A setInterval timer as a disposable. */
export function intervalDisposable(callback: () => void, ms: number): vscode.Disposable {
  const handle = setInterval(callback, ms);
  return { dispose: () => clearInterval(handle) };
}
