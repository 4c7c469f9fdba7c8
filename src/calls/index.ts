export type { Call, CallStart } from './calls.ts';
export {
  announceQueue,
  endCall,
  enqueueCall,
  findCall,
  getCall,
  queuesFor,
  recordStep,
  startCall,
} from './calls.ts';
