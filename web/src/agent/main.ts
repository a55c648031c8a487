// The agent desktop (/agent): sign-in, then the desk. See desk.ts.
import { Desk } from './desk';

const root = document.getElementById('app');
if (root) new Desk(root, window.location.origin).start();
