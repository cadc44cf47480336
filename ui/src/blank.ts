// The startup probe's floor: a blank page that reports as soon as it runs.
import { invoke } from '@tauri-apps/api/core';

requestAnimationFrame(() => {
  void invoke('startup_probe', { view: 'blank' });
});
