/**
 * The Basic Application Level Confidentiality Profile as data: the rows of DICOM PS3.15 Annex E,
 * Table E.1-1 (2024b) that concern the image objects SpineLab reads (CT, MR, CR, DX, secondary
 * capture) and their Patient, Study, Series, Equipment and request context. Attributes not listed
 * here are kept, except the whole-group removals in removal-groups.ts and the attributes left with
 * VR UN, which deidentify.ts removes because their content cannot be checked.
 *
 * Table E.1-1 action codes:
 *   D  replace with a non-zero-length dummy value;  Z  replace with a zero-length value (or a dummy);
 *   X  remove;  K  keep;  U  replace the UID with a consistent replacement (U* inside a sequence:
 *   keep the sequence and replace the UIDs it contains).
 * A compound code (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) lets the implementation choose the weaker option only
 * when the object's IOD needs the attribute to stay present.
 */
export type ProfileCode = 'D' | 'Z' | 'X' | 'U' | 'Z/D' | 'X/Z' | 'X/D' | 'X/Z/D' | 'X/Z/U*';

/**
 * What SpineLab does with the attribute:
 * - X remove; Z empty value; U replace each UID with the mapper (a sequence is kept and its items
 *   cleaned by the same table);
 * - D replace with the caller's patient pseudonym: the only dummy value written, used for Patient's
 *   Name and Patient ID so that de-identified studies still group by patient;
 * - K keep (only through the Retain Longitudinal Temporal Information With Full Dates option).
 */
export type ProfileAction = 'D' | 'Z' | 'X' | 'K' | 'U';

export interface ProfileRule {
  /** Eight upper-case hexadecimal digits, as dcmjs keys its data sets. */
  tag: string;
  keyword: string;
  /** The code printed in Table E.1-1's Basic Profile column. */
  profile: ProfileCode;
  action: ProfileAction;
  /** Kept (K) by the Retain Longitudinal Temporal Information With Full Dates Option (PS3.15 E.3.6). */
  temporal: boolean;
}

/**
 * The default choice for a compound code is its strongest option (first letter): none of these
 * attributes is required by the image IODs we write. Exceptions are spelled out in the rows:
 * Patient's Name and Patient ID take the pseudonym (Z allows a dummy value, Z/D names D), the image
 * reference sequences keep their references with replaced UIDs (X/Z/U* names U*) so that localiser
 * and source-image links survive, and D attributes of reports and trials that carry free text or
 * identifiers are removed outright rather than given invented content.
 */
function rule(tag: string, keyword: string, profile: ProfileCode, options: { action?: ProfileAction; temporal?: boolean } = {}): ProfileRule {
  return { tag, keyword, profile, action: options.action ?? (profile[0] as ProfileAction), temporal: options.temporal ?? false };
}

const temporal = { temporal: true };
const pseudonym = { action: 'D' as const };
const keepReferences = { action: 'U' as const };
const remove = { action: 'X' as const };

export const BASIC_PROFILE_RULES: readonly ProfileRule[] = [
  // SOP Common and General Study / Series / Image: dates, times and instance identity.
  rule('00080012', 'InstanceCreationDate', 'X/D', temporal),
  rule('00080013', 'InstanceCreationTime', 'X/Z/D', temporal),
  rule('00080014', 'InstanceCreatorUID', 'U'),
  rule('00080015', 'InstanceCoercionDateTime', 'X'),
  rule('00080017', 'AcquisitionUID', 'U'),
  rule('00080018', 'SOPInstanceUID', 'U'),
  rule('00080019', 'PyramidUID', 'U'),
  rule('00080020', 'StudyDate', 'Z', temporal),
  rule('00080021', 'SeriesDate', 'X/D', temporal),
  rule('00080022', 'AcquisitionDate', 'X/Z', temporal),
  rule('00080023', 'ContentDate', 'Z/D', temporal),
  rule('00080024', 'OverlayDate', 'X'),
  rule('00080025', 'CurveDate', 'X'),
  rule('0008002A', 'AcquisitionDateTime', 'X/Z/D', temporal),
  rule('00080030', 'StudyTime', 'Z', temporal),
  rule('00080031', 'SeriesTime', 'X/D', temporal),
  rule('00080032', 'AcquisitionTime', 'X/Z', temporal),
  rule('00080033', 'ContentTime', 'Z/D', temporal),
  rule('00080034', 'OverlayTime', 'X'),
  rule('00080035', 'CurveTime', 'X'),
  rule('00080050', 'AccessionNumber', 'Z'),
  rule('00080054', 'RetrieveAETitle', 'X'),
  rule('00080055', 'StationAETitle', 'X'),
  rule('00080058', 'FailedSOPInstanceUIDList', 'U'),
  rule('00080201', 'TimezoneOffsetFromUTC', 'X'),
  rule('00081030', 'StudyDescription', 'X'),
  rule('0008103E', 'SeriesDescription', 'X'),
  rule('00081080', 'AdmittingDiagnosesDescription', 'X'),
  rule('00081084', 'AdmittingDiagnosesCodeSequence', 'X'),
  rule('00082111', 'DerivationDescription', 'X'),
  rule('00083010', 'IrradiationEventUID', 'U'),
  rule('00084000', 'IdentifyingComments', 'X'),

  // People and places: institution, physicians, operators.
  rule('00080080', 'InstitutionName', 'X/Z/D'),
  rule('00080081', 'InstitutionAddress', 'X'),
  rule('00080082', 'InstitutionCodeSequence', 'X/Z/D'),
  rule('00080090', 'ReferringPhysicianName', 'Z'),
  rule('00080092', 'ReferringPhysicianAddress', 'X'),
  rule('00080094', 'ReferringPhysicianTelephoneNumbers', 'X'),
  rule('00080096', 'ReferringPhysicianIdentificationSequence', 'X'),
  rule('0008009C', 'ConsultingPhysicianName', 'Z'),
  rule('0008009D', 'ConsultingPhysicianIdentificationSequence', 'X'),
  rule('00081000', 'NetworkID', 'X'),
  rule('00081010', 'StationName', 'X/Z/D'),
  rule('00081040', 'InstitutionalDepartmentName', 'X'),
  rule('00081041', 'InstitutionalDepartmentTypeCodeSequence', 'X'),
  rule('00081048', 'PhysiciansOfRecord', 'X'),
  rule('00081049', 'PhysiciansOfRecordIdentificationSequence', 'X'),
  rule('00081050', 'PerformingPhysicianName', 'X'),
  rule('00081052', 'PerformingPhysicianIdentificationSequence', 'X'),
  rule('00081060', 'NameOfPhysiciansReadingStudy', 'X'),
  rule('00081062', 'PhysiciansReadingStudyIdentificationSequence', 'X'),
  rule('00081070', 'OperatorsName', 'X/Z/D'),
  rule('00081072', 'OperatorIdentificationSequence', 'X/D'),

  // References to other objects.
  rule('00081110', 'ReferencedStudySequence', 'X/Z'),
  rule('00081111', 'ReferencedPerformedProcedureStepSequence', 'X/Z/D'),
  rule('00081120', 'ReferencedPatientSequence', 'X'),
  rule('00081140', 'ReferencedImageSequence', 'X/Z/U*', keepReferences),
  rule('00081155', 'ReferencedSOPInstanceUID', 'U'),
  rule('00081195', 'TransactionUID', 'U'),
  rule('00082112', 'SourceImageSequence', 'X/Z/U*', keepReferences),

  // Patient.
  rule('00100010', 'PatientName', 'Z', pseudonym),
  rule('00100020', 'PatientID', 'Z/D', pseudonym),
  rule('00100021', 'IssuerOfPatientID', 'X'),
  rule('00100030', 'PatientBirthDate', 'Z'),
  rule('00100032', 'PatientBirthTime', 'X'),
  rule('00100040', 'PatientSex', 'Z'),
  rule('00100050', 'PatientInsurancePlanCodeSequence', 'X'),
  rule('00100101', 'PatientPrimaryLanguageCodeSequence', 'X'),
  rule('00100102', 'PatientPrimaryLanguageModifierCodeSequence', 'X'),
  rule('00101000', 'OtherPatientIDs', 'X'),
  rule('00101001', 'OtherPatientNames', 'X'),
  rule('00101002', 'OtherPatientIDsSequence', 'X'),
  rule('00101005', 'PatientBirthName', 'X'),
  rule('00101010', 'PatientAge', 'X'),
  rule('00101020', 'PatientSize', 'X'),
  rule('00101030', 'PatientWeight', 'X'),
  rule('00101040', 'PatientAddress', 'X'),
  rule('00101050', 'InsurancePlanIdentification', 'X'),
  rule('00101060', 'PatientMotherBirthName', 'X'),
  rule('00101080', 'MilitaryRank', 'X'),
  rule('00101081', 'BranchOfService', 'X'),
  rule('00101090', 'MedicalRecordLocator', 'X'),
  rule('00101100', 'ReferencedPatientPhotoSequence', 'X'),
  rule('00102000', 'MedicalAlerts', 'X'),
  rule('00102110', 'Allergies', 'X'),
  rule('00102150', 'CountryOfResidence', 'X'),
  rule('00102152', 'RegionOfResidence', 'X'),
  rule('00102154', 'PatientTelephoneNumbers', 'X'),
  rule('00102155', 'PatientTelecomInformation', 'X'),
  rule('00102160', 'EthnicGroup', 'X'),
  rule('00102180', 'Occupation', 'X'),
  rule('001021A0', 'SmokingStatus', 'X'),
  rule('001021B0', 'AdditionalPatientHistory', 'X'),
  rule('001021C0', 'PregnancyStatus', 'X'),
  rule('001021D0', 'LastMenstrualDate', 'X'),
  rule('001021F0', 'PatientReligiousPreference', 'X'),
  rule('00102203', 'PatientSexNeutered', 'X/Z'),
  rule('00102297', 'ResponsiblePerson', 'X'),
  rule('00102299', 'ResponsibleOrganization', 'X'),
  rule('00104000', 'PatientComments', 'X'),

  // Clinical trial identifiers: identifiers of a subject in another study.
  rule('00120010', 'ClinicalTrialSponsorName', 'D', remove),
  rule('00120020', 'ClinicalTrialProtocolID', 'D', remove),
  rule('00120021', 'ClinicalTrialProtocolName', 'Z'),
  rule('00120030', 'ClinicalTrialSiteID', 'Z'),
  rule('00120031', 'ClinicalTrialSiteName', 'Z'),
  rule('00120040', 'ClinicalTrialSubjectID', 'D', remove),
  rule('00120042', 'ClinicalTrialSubjectReadingID', 'D', remove),
  rule('00120050', 'ClinicalTrialTimePointID', 'Z'),
  rule('00120051', 'ClinicalTrialTimePointDescription', 'X'),
  rule('00120060', 'ClinicalTrialCoordinatingCenterName', 'Z'),

  // Acquisition and equipment.
  rule('00180010', 'ContrastBolusAgent', 'Z/D'),
  rule('00181000', 'DeviceSerialNumber', 'X/Z/D'),
  rule('00181002', 'DeviceUID', 'U'),
  rule('00181004', 'PlateID', 'X'),
  rule('00181005', 'GeneratorID', 'X'),
  rule('00181007', 'CassetteID', 'X'),
  rule('00181008', 'GantryID', 'X'),
  rule('00181009', 'UniqueDeviceIdentifier', 'X'),
  rule('0018100A', 'UDISequence', 'X'),
  rule('00181012', 'DateOfSecondaryCapture', 'X'),
  rule('00181014', 'TimeOfSecondaryCapture', 'X'),
  rule('00181030', 'ProtocolName', 'X/D'),
  rule('00181042', 'ContrastBolusStartTime', 'X'),
  rule('00181043', 'ContrastBolusStopTime', 'X'),
  rule('00181200', 'DateOfLastCalibration', 'X'),
  rule('00181201', 'TimeOfLastCalibration', 'X'),
  rule('00181400', 'AcquisitionDeviceProcessingDescription', 'X/D'),
  rule('00184000', 'AcquisitionComments', 'X'),
  rule('0018700A', 'DetectorID', 'X/D'),
  rule('0018700C', 'DateOfLastDetectorCalibration', 'X/D'),
  rule('0018700E', 'TimeOfLastDetectorCalibration', 'X/D'),
  rule('00189424', 'AcquisitionProtocolDescription', 'X'),

  // Study, series and frame identity.
  rule('0020000D', 'StudyInstanceUID', 'U'),
  rule('0020000E', 'SeriesInstanceUID', 'U'),
  rule('00200010', 'StudyID', 'Z'),
  rule('00200052', 'FrameOfReferenceUID', 'U'),
  rule('00200200', 'SynchronizationFrameOfReferenceUID', 'U'),
  rule('00204000', 'ImageComments', 'X'),
  rule('00209158', 'FrameComments', 'X'),
  rule('00209161', 'ConcatenationUID', 'U'),
  rule('00209164', 'DimensionOrganizationUID', 'U'),
  rule('00281199', 'PaletteColorLookupTableUID', 'U'),
  rule('00281214', 'LargePaletteColorLookupTableUID', 'U'),
  rule('00284000', 'ImagePresentationComments', 'X'),

  // Request, visit and procedure step.
  rule('00320012', 'StudyIDIssuer', 'X'),
  rule('00321030', 'ReasonForStudy', 'X'),
  rule('00321032', 'RequestingPhysician', 'X'),
  rule('00321033', 'RequestingService', 'X'),
  rule('00321060', 'RequestedProcedureDescription', 'X/Z'),
  rule('00321070', 'RequestedContrastAgent', 'X'),
  rule('00324000', 'StudyComments', 'X'),
  rule('00380010', 'AdmissionID', 'X'),
  rule('00380300', 'CurrentPatientLocation', 'X'),
  rule('00380400', 'PatientInstitutionResidence', 'X'),
  rule('00380500', 'PatientState', 'X'),
  rule('00384000', 'VisitComments', 'X'),
  rule('00400006', 'ScheduledPerformingPhysicianName', 'X'),
  rule('00400241', 'PerformedStationAETitle', 'X'),
  rule('00400242', 'PerformedStationName', 'X'),
  rule('00400243', 'PerformedLocation', 'X'),
  rule('00400244', 'PerformedProcedureStepStartDate', 'X', temporal),
  rule('00400245', 'PerformedProcedureStepStartTime', 'X', temporal),
  rule('00400250', 'PerformedProcedureStepEndDate', 'X', temporal),
  rule('00400251', 'PerformedProcedureStepEndTime', 'X', temporal),
  rule('00400253', 'PerformedProcedureStepID', 'X'),
  rule('00400254', 'PerformedProcedureStepDescription', 'X'),
  rule('00400275', 'RequestAttributesSequence', 'X'),
  rule('00400280', 'CommentsOnThePerformedProcedureStep', 'X'),
  rule('00400555', 'AcquisitionContextSequence', 'X/Z'),
  rule('00401001', 'RequestedProcedureID', 'X'),
  rule('00401010', 'NamesOfIntendedRecipientsOfResults', 'X'),
  rule('00401400', 'RequestedProcedureComments', 'X'),
  rule('00402016', 'PlacerOrderNumberImagingServiceRequest', 'Z'),
  rule('00402017', 'FillerOrderNumberImagingServiceRequest', 'Z'),
  rule('00402400', 'ImagingServiceRequestComments', 'X'),

  // Structured content: observers and free text of reports.
  rule('0040A027', 'VerifyingOrganization', 'D', remove),
  rule('0040A073', 'VerifyingObserverSequence', 'D', remove),
  rule('0040A075', 'VerifyingObserverName', 'D', remove),
  rule('0040A078', 'AuthorObserverSequence', 'X'),
  rule('0040A07A', 'ParticipantSequence', 'X'),
  rule('0040A123', 'PersonName', 'D', remove),
  rule('0040A124', 'UID', 'U'),
  rule('0040A171', 'ObservationUID', 'U'),
  rule('0040A730', 'ContentSequence', 'D', remove),
  rule('00700084', 'ContentCreatorName', 'Z/D'),

  // Media, thumbnails, signatures and padding.
  rule('00880140', 'StorageMediaFileSetUID', 'U'),
  rule('00880200', 'IconImageSequence', 'X'),
  rule('04000100', 'DigitalSignatureUID', 'U'),
  rule('04000561', 'OriginalAttributesSequence', 'X'),
  rule('30060024', 'ReferencedFrameOfReferenceUID', 'U'),
  rule('300600C2', 'RelatedFrameOfReferenceUID', 'U'),
  rule('40000010', 'Arbitrary', 'X'),
  rule('40004000', 'TextComments', 'X'),
  rule('FFFAFFFA', 'DigitalSignaturesSequence', 'X'),
  rule('FFFCFFFC', 'DataSetTrailingPadding', 'X'),
];

const RULES_BY_TAG: ReadonlyMap<string, ProfileRule> = new Map(BASIC_PROFILE_RULES.map((r) => [r.tag, r]));

export function profileRuleFor(tag: string): ProfileRule | undefined {
  return RULES_BY_TAG.get(tag.toUpperCase());
}

/** The action for one attribute under the chosen options; attributes without a rule are kept. */
export function actionFor(tag: string, options: { keepDates: boolean }): ProfileAction {
  const found = profileRuleFor(tag);
  if (!found) return 'K';
  return options.keepDates && found.temporal ? 'K' : found.action;
}
