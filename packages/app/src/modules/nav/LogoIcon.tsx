import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 28, height: 28, flexShrink: 0 },
});

/** Greenroom's mark: a leaf in a rounded room. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 64 64"
      role="img"
      aria-label="Greenroom"
    >
      <rect x="2" y="2" width="60" height="60" rx="14" fill="#1f7a55" />
      <path d="M18 44c0-15 11-26 28-26 0 17-11 28-26 28h-2z" fill="#6fd3a5" />
      <path
        d="M20 44c6-8 12-13 20-18"
        stroke="#0d2b22"
        strokeWidth="3"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
};
