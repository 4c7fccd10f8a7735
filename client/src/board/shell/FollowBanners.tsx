import type { Peer } from '../presence/index.js';

interface FollowBannersProps {
  /** The person whose view mine follows, if any. */
  followed: Peer | null;
  onStopFollowing(): void;
  presenting: boolean;
  myColor: string;
  onStopPresenting(): void;
}

/** Says whose view the screen follows, or that everyone follows mine, with a way out. */
export function FollowBanners(props: FollowBannersProps) {
  const { followed } = props;
  return (
    <>
      {followed && (
        <div
          className="follow-banner"
          style={{ background: followed.user.color }}
          data-testid="follow-banner"
        >
          {followed.presenting
            ? `${followed.user.name} is presenting — you are following`
            : `Following ${followed.user.name}`}
          <button className="btn" onClick={props.onStopFollowing} data-testid="stop-following">
            Stop following
          </button>
        </div>
      )}
      {props.presenting && (
        <div className="follow-banner" style={{ background: props.myColor }}>
          You are presenting: everyone follows your view
          <button className="btn" onClick={props.onStopPresenting}>
            Stop
          </button>
        </div>
      )}
    </>
  );
}
