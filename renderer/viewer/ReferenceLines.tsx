import cornerstone from 'cornerstone-core';
import { referenceLine } from '../../shared/volume/reslice';
import type { InstanceHeader } from '../../shared/dicom/header';
import { headerGeometry, toCornerstonePoint } from './image-geometry';

export interface ReferencePlane {
  readonly header: InstanceHeader;
  readonly colour: string;
  readonly label: string;
}

/** Where the other viewports' planes cut this image, drawn as lines in their viewport's colour. */
export function ReferenceLines({ element, header, others }: { element: HTMLDivElement; header: InstanceHeader; others: readonly ReferencePlane[] }) {
  const here = headerGeometry(header);
  if (!here) return null;
  const lines = others.flatMap((o) => {
    const there = headerGeometry(o.header);
    if (!there || o.header.frameOfReferenceUid !== header.frameOfReferenceUid) return [];
    const segment = referenceLine(here, there);
    if (!segment) return [];
    const a = cornerstone.pixelToCanvas(element, toCornerstonePoint(segment.from) as never);
    const b = cornerstone.pixelToCanvas(element, toCornerstonePoint(segment.to) as never);
    return [{ a, b, colour: o.colour, label: o.label }];
  });
  return (
    <svg className="reference-lines" aria-hidden="true" data-testid="reference-lines">
      {lines.map((l, i) => (
        <g key={i}>
          <line x1={l.a.x} y1={l.a.y} x2={l.b.x} y2={l.b.y} stroke={l.colour} strokeWidth={1.2} strokeDasharray="6 4" data-testid="reference-line" />
          <text x={l.b.x - 4} y={l.b.y - 4} fill={l.colour} fontSize={11} textAnchor="end">
            {l.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
