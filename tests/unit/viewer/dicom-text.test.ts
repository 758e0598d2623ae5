import { describe, expect, it } from 'vitest';
import { formatDicomDate, formatPersonName } from '../../../renderer/viewer/dicom-text';

describe('DICOM text for display', () => {
  it('shows DA dates as ISO dates and leaves odd values alone', () => {
    expect(formatDicomDate('20240108')).toBe('2024-01-08');
    expect(formatDicomDate('2024')).toBe('2024');
    expect(formatDicomDate(undefined)).toBe('');
  });
  it('shows person names family first, given names after a comma', () => {
    expect(formatPersonName('SAMPLE^NORMAL')).toBe('SAMPLE, NORMAL');
    expect(formatPersonName('Doe^Jane^Q^^')).toBe('Doe, Jane Q');
    expect(formatPersonName('Anonymous')).toBe('Anonymous');
  });
});
