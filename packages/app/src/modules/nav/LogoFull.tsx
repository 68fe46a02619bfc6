import { makeStyles } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: 10 },
  word: {
    color: '#ffffff',
    fontSize: 22,
    fontWeight: 700,
    letterSpacing: '0.02em',
  },
});

/** Greenroom's mark and wordmark, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <LogoIcon />
      <span className={classes.word}>Greenroom</span>
    </span>
  );
};
