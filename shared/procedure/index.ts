/** The procedure explainer's data: patient shape, timelines, the scene at time t, and the options overview. */
export type * from './types';
export type { TreatmentOption } from './optionsOverview';
export type { MeasuredFracture, ExpectedOutcome } from './patientShape';
export { buildTimeline } from './buildTimeline';
export { sceneStateAt, stepIndexAt, stepStarts, stepStillTime, nextStepTime, previousStepTime } from './sceneState';
export { REFERENCE_CASE_SHAPE, shapeFromMeasurements, manualShape, kyphoplastyOutcome, wedgeAngleDeg } from './patientShape';
export { SPINE_LEVELS, levelsAround, isSpineLevel } from './spineLevels';
export { OPTIONS_OVERVIEW } from './optionsOverview';
