import { InfoCard, Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { SUPPORT_CHANNEL_ANNOTATION } from '../../annotation';

/** The entity's support channel, on its overview. */
export function SupportChannelCard() {
  const { entity } = useEntity();
  const channel = entity.metadata.annotations?.[SUPPORT_CHANNEL_ANNOTATION];
  return (
    <InfoCard title="Support">
      {channel ? (
        <Typography variant="body1">
          Questions about {entity.metadata.title ?? entity.metadata.name}? Ask
          in <Link to={channel}>{channel}</Link>.
        </Typography>
      ) : (
        <Typography variant="body1">
          No support channel: add the {SUPPORT_CHANNEL_ANNOTATION} annotation.
        </Typography>
      )}
    </InfoCard>
  );
}
