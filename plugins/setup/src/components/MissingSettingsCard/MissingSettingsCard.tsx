import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { MissingSetting } from '@internal/plugin-setup-common';

/** What is not set up, each with the variables to set and where they are explained. */
export const MissingSettingsCard = ({
  missing,
}: {
  missing: MissingSetting[];
}) => (
  <InfoCard title="Not set up yet">
    <List aria-label="Not set up yet">
      {missing.map(m => (
        <ListItem key={m.title} divider>
          <Box>
            <Typography variant="subtitle1">{m.title}</Typography>
            {m.choices.length > 1 && (
              <Typography variant="body2">Set up one of:</Typography>
            )}
            <ul>
              {m.choices.map(choice => (
                <li key={choice.title}>
                  <Typography variant="body2" component="span">
                    {choice.title}:{' '}
                  </Typography>
                  {choice.variables.map((variable, i) => (
                    <span key={variable}>
                      {i > 0 && ', '}
                      <code>{variable}</code>
                    </span>
                  ))}
                </li>
              ))}
            </ul>
            <Typography variant="body2" color="textSecondary">
              Read <code>{m.doc}</code>
            </Typography>
          </Box>
        </ListItem>
      ))}
    </List>
  </InfoCard>
);
