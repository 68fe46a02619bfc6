import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import PassIcon from '@material-ui/icons/CheckCircle';
import FailIcon from '@material-ui/icons/Cancel';
import ErrorIcon from '@material-ui/icons/Error';
import UnknownIcon from '@material-ui/icons/HelpOutline';
import { CheckStatus } from '@internal/plugin-scorecards-common';

const useStyles = makeStyles(theme => ({
  pass: { color: theme.palette.success.main },
  fail: { color: theme.palette.error.main },
  error: { color: theme.palette.warning.main },
  unknown: { color: theme.palette.text.secondary },
}));

const labels: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Error',
};

const icons: Record<CheckStatus, typeof PassIcon> = {
  pass: PassIcon,
  fail: FailIcon,
  error: ErrorIcon,
};

/** A check's status as an icon and the word "Pass", "Fail" or "Error". */
export const CheckStatusLabel = ({ status }: { status?: CheckStatus }) => {
  const classes = useStyles();
  const Icon = status ? icons[status] : UnknownIcon;
  const className = status ? classes[status] : classes.unknown;
  return (
    <Box
      display="inline-flex"
      alignItems="center"
      className={className}
      data-status={status ?? 'unknown'}
    >
      <Icon fontSize="small" aria-hidden="true" />
      <Typography variant="body2" component="span" style={{ marginLeft: 4 }}>
        {status ? labels[status] : 'Not evaluated'}
      </Typography>
    </Box>
  );
};
