/**
 * What the customer expected beside what they felt (W285): per persona, the expected line and
 * the band between it and the sentiment curve, in runs of adjacent stages that have both (a
 * stage without an expectation leaves a gap).
 */
import { Group, Line } from 'react-konva';
import type { BandPoint } from '../core/handoffGeometry.js';
/** Half the width of the band at a stage that stands alone in its run. */
const LONE_HALF_WIDTH = 14;

export function ExpectationBand(props: { runs: BandPoint[][]; color: string; personaId: string }) {
  return (
    <Group listening={false} name="expectation-band" id={`expectation-band-${props.personaId}`}>
      {props.runs.map((run, i) => {
        const edge =
          run.length === 1
            ? [
                { ...run[0]!, x: run[0]!.x - LONE_HALF_WIDTH },
                { ...run[0]!, x: run[0]!.x + LONE_HALF_WIDTH },
              ]
            : run;
        const top = edge.flatMap((p) => [p.x, p.expectedY]);
        const bottom = [...edge].reverse().flatMap((p) => [p.x, p.feltY]);
        return (
          <Group key={i}>
            <Line points={[...top, ...bottom]} closed fill={props.color} opacity={0.16} />
            <Line
              name="expected-line"
              points={top}
              stroke={props.color}
              strokeWidth={2}
              dash={[6, 5]}
              opacity={0.9}
            />
          </Group>
        );
      })}
    </Group>
  );
}
