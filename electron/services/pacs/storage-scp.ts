import dimse from 'dcmjs-dimse';
import { findTransferSyntax } from '../../../shared/dicom/transfer-syntax';
import { answerStore, textOf } from './dimse-values';
import { describeNetworkError, PacsError } from './net-errors';

type Dataset = InstanceType<typeof dimse.Dataset>;
type Association = InstanceType<typeof dimse.association.Association>;
type CStoreRequest = InstanceType<typeof dimse.requests.CStoreRequest>;
type CStoreResponse = InstanceType<typeof dimse.responses.CStoreResponse>;

const { Server, Scp } = dimse;
const { PresentationContextResult, StorageClass, RejectResult, RejectSource, RejectReason } = dimse.constants;

/** One C-MOVE waiting for its instances: the series it asked for, under our AE title. */
export interface MoveDestination {
  readonly aeTitle: string;
  readonly seriesInstanceUid: string;
  onStore(dataset: Dataset): Promise<void>;
}

export interface StorageScpMembership {
  /** The first instance this move could not take (a failed write), if any. */
  readonly error: unknown;
  /** Leaves the SCP; the last move to leave closes the port. */
  release(): void;
}

interface Member extends MoveDestination {
  error: unknown;
  /** Settles when the move has left the SCP. */
  readonly left: Promise<void>;
}

interface SharedScp {
  readonly members: Set<Member>;
  readonly listening: Promise<void>;
  readonly server: InstanceType<typeof Server>;
}

/**
 * One storage SCP per local port, shared by every C-MOVE that runs at the same time: a PACS sends each
 * move's instances to the port it has configured for our AE title, so two moves cannot each have their
 * own listener there. Each arriving instance goes to the move that asked for its series (C-MOVEs here
 * are series-level). Routing by Move Originator Message ID (0000,1031) cannot tell moves apart: each
 * dcmjs-dimse association numbers its messages from 1. So two moves of the same series take turns.
 */
const scps = new Map<number, SharedScp>();


function destinationOf(members: Iterable<Member>, calledAe: string, dataset: Dataset): Member | undefined {
  const series = textOf((dataset.getElements() as Record<string, unknown>).SeriesInstanceUID);
  return [...members].find((m) => m.aeTitle === calledAe && m.seriesInstanceUid === series);
}

function open(port: number, timeoutMs: number): SharedScp {
  const members = new Set<Member>();
  class StorageScp extends Scp {
    private calledAe = '';
    override associationRequested(association: Association) {
      this.calledAe = association.getCalledAeTitle().trim();
      if (![...members].some((m) => m.aeTitle === this.calledAe)) {
        this.sendAssociationReject(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized);
        return;
      }
      const storage = new Set<string>(Object.values(StorageClass) as string[]);
      for (const { id } of association.getPresentationContexts()) {
        const context = association.getPresentationContext(id);
        // Accept what the server offers first among the syntaxes our loader decodes, so pixels arrive untouched.
        const syntax = context.getTransferSyntaxUids().find((uid) => findTransferSyntax(uid) !== undefined);
        if (!storage.has(context.getAbstractSyntaxUid())) context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        else if (!syntax) context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
        else context.setResult(PresentationContextResult.Accept, syntax);
      }
      this.sendAssociationAccept();
    }
    override cStoreRequest(request: CStoreRequest, callback: (r: CStoreResponse) => void) {
      let member: Member | undefined;
      answerStore(
        request,
        callback,
        (dataset) => {
          member = destinationOf(members, this.calledAe, dataset);
          return member ? member.onStore(dataset) : Promise.reject(new PacsError('No retrieve asked for this instance', 'protocol'));
        },
        // A store nobody asked for is refused without failing anyone's move.
        (e) => {
          if (member) member.error ??= e;
        },
      );
    }
    override associationReleaseRequested() {
      this.sendAssociationReleaseResponse();
    }
  }
  const server = new Server(StorageScp);
  const listening = new Promise<void>((resolve, reject) => {
    server.on('listening', () => resolve());
    server.on('networkError', (e: Error) => reject(describeNetworkError(e, `our storage port ${port}`, timeoutMs)));
  });
  server.listen(port, { connectTimeout: timeoutMs, associationTimeout: timeoutMs, pduTimeout: timeoutMs });
  return { members, listening, server };
}

/** Joins (opening if needed) the storage SCP on `port` for one C-MOVE; resolves once it listens. */
export async function joinStorageScp(port: number, destination: MoveDestination, timeoutMs: number): Promise<StorageScpMembership> {
  const sameSeries = () =>
    [...(scps.get(port)?.members ?? [])].find((m) => m.aeTitle === destination.aeTitle && m.seriesInstanceUid === destination.seriesInstanceUid);
  for (let earlier = sameSeries(); earlier; earlier = sameSeries()) await earlier.left;
  let scp = scps.get(port);
  if (!scp) {
    scp = open(port, timeoutMs);
    scps.set(port, scp);
  }
  const shared = scp;
  let leave = () => {};
  const member: Member = { ...destination, error: undefined, left: new Promise<void>((resolve) => (leave = resolve)) };
  shared.members.add(member);
  const release = () => {
    shared.members.delete(member);
    leave();
    if (shared.members.size > 0 || scps.get(port) !== shared) return;
    scps.delete(port);
    shared.server.close();
  };
  try {
    await shared.listening;
  } catch (error) {
    release();
    throw error; // a PacsError naming the port (describeNetworkError)
  }
  return {
    get error() {
      return member.error;
    },
    release,
  };
}
