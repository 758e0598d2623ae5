import { useEffect, useRef } from 'react';
import { mrSequenceLabel } from '../../shared/dicom/mr-sequence';
import { frameForImageId } from '../viewer/cornerstone-image';
import { formatDicomDate } from '../viewer/dicom-text';
import type { Stack } from '../viewer/stack';
import { thumbnailPixels } from '../viewer/thumbnail';
import { useStudyStore } from './study-store';

function Thumbnail({ stack }: { stack: Stack }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageId = stack.imageIds[Math.floor(stack.imageIds.length / 2)];
  useEffect(() => {
    const canvas = canvasRef.current;
    // The decoded frame behind the image id, registered before the stack that lists it is built.
    const shown = imageId === undefined ? undefined : frameForImageId(imageId);
    if (!canvas || !shown) return;
    const pixels = thumbnailPixels(shown.header, shown.frame, 72);
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.getContext('2d')?.putImageData(pixels, 0, 0);
    // Only the image shown matters; other instances arriving do not change it.
  }, [imageId]);
  return <canvas ref={canvasRef} className="thumb" aria-hidden="true" />;
}

const sequenceLabel = (stack: Stack) => (stack.headers[0] ? mrSequenceLabel(stack.headers[0]) : undefined);

export function SeriesPanel() {
  const stacks = useStudyStore((s) => s.stacks);
  const active = useStudyStore((s) => s.viewports[s.activeViewport]);
  const select = useStudyStore((s) => s.selectStack);
  if (stacks.length === 0) return <div className="panel-empty">No series loaded</div>;
  // With a before and an after study open, the date tells two like-named series apart.
  const severalStudies = new Set(stacks.map((s) => s.studyInstanceUid)).size > 1;
  return (
    <ul className="series-list" aria-label="Series">
      {stacks.map((stack) => (
        <li key={stack.key}>
          <button
            type="button"
            className={`series-item${stack.key === active ? ' series-item-active' : ''}`}
            onClick={() => select(stack.key)}
            draggable
            onDragStart={(e) => e.dataTransfer.setData('application/x-spinelab-stack', stack.key)}
            aria-pressed={stack.key === active}
            data-testid="series-item"
          >
            <Thumbnail stack={stack} />
            <span className="series-text">
              <span className="series-title">{stack.description || `Series ${stack.seriesNumber ?? ''}`}</span>
              <span className="series-meta">
                {sequenceLabel(stack) && (
                  <span className="sequence-tag" title={`Recognised from the ${sequenceLabel(stack)!.from === 'description' ? 'series description' : 'acquisition parameters (TR, TE, TI)'}`} data-testid="sequence-label">
                    {sequenceLabel(stack)!.text}
                  </span>
                )}
                {stack.modality} · {stack.imageIds.length} image{stack.imageIds.length === 1 ? '' : 's'}
                {severalStudies && stack.headers[0]?.studyDate ? ` · ${formatDicomDate(stack.headers[0].studyDate)}` : ''}
              </span>
              {stack.note && <span className="series-note">{stack.note}</span>}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
