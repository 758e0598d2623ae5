import { describe, expect, it } from 'vitest';
import { boundaryOf, buildMultipart, createMultipartReader } from '../../../shared/pacs/multipart';
import { groupByPatient, studyMatchingKeys, type PacsStudyResult } from '../../../shared/pacs/query';
import { qidoQueryString } from '../../../electron/services/pacs/dicomweb';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('multipart/related reader', () => {
  const parts = [bytes(1000, 1), bytes(0, 0), bytes(4097, 7), new TextEncoder().encode('\r\n--notit\r\n')];
  const body = buildMultipart('b0und', parts.map((body) => ({ contentType: 'application/dicom', body })));

  it('reads every part whatever the chunking, one byte at a time included', () => {
    for (const size of [1, 3, 64, 1500, body.length]) {
      const reader = createMultipartReader('b0und');
      const got: Uint8Array[] = [];
      for (let at = 0; at < body.length; at += size) got.push(...reader.push(body.subarray(at, at + size)).map((p) => p.body));
      expect(reader.done, `chunks of ${size}`).toBe(true);
      expect(got.map((g) => Buffer.from(g).toString('hex'))).toEqual(parts.map((p) => Buffer.from(p).toString('hex')));
    }
  });

  it('hands a part on as soon as the next delimiter arrives, before the body ends', () => {
    const reader = createMultipartReader('b0und');
    const cut = body.indexOf(45, 1000 + 60); // inside the second delimiter, after the first part
    expect(reader.push(body.subarray(0, cut + 8)).map((p) => p.headers['content-type'])).toEqual(['application/dicom']);
    expect(reader.done).toBe(false);
  });

  it('finds the boundary, quoted or not, and only in multipart types', () => {
    expect(boundaryOf('multipart/related; type="application/dicom"; boundary="abc 1"')).toBe('abc 1');
    expect(boundaryOf('multipart/related;boundary=xyz;type=application/dicom')).toBe('xyz');
    expect(boundaryOf('application/dicom+json')).toBeUndefined();
  });
});

describe('query keys', () => {
  it('prefix-matches names, ranges dates, and goes raw into QIDO where a URL allows', () => {
    const keys = studyMatchingKeys({ patientName: 'SMITH^J', dateFrom: '2024-01-02', description: 'CT spine', modality: 'CT' });
    expect(keys).toEqual({ PatientName: 'SMITH^J*', StudyDate: '20240102-', StudyDescription: 'CT spine*', ModalitiesInStudy: 'CT' });
    expect(qidoQueryString(keys)).toBe('PatientName=SMITH^J*&StudyDescription=CT?spine*&ModalitiesInStudy=CT&StudyDate=20240102-');
    expect(studyMatchingKeys({ dateFrom: '2024-01-02', dateTo: '2024-01-02' })).toEqual({ StudyDate: '20240102' });
  });

  it('groups studies by patient, newest first', () => {
    const study = (patientId: string, studyDate: string): PacsStudyResult => ({ studyInstanceUid: `1.${studyDate}`, patientName: `P^${patientId}`, patientId, studyDate, accession: '', description: '', modalities: [], series: [] });
    const grouped = groupByPatient([study('A', '20200101'), study('B', '20210101'), study('A', '20230101')]);
    expect(grouped.map((p) => [p.patientId, p.studies.map((s) => s.studyDate)])).toEqual([['A', ['20230101', '20200101']], ['B', ['20210101']]]);
  });
});
