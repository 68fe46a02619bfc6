import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { accessControlApiRef } from '../../api';
import { describeError } from '../../lib/errors';

/** Saves `content` as a file named `fileName` through the browser. */
function download(fileName: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the policy as `policy.yaml`, in the policy file's format with
 * every member listed under its role: to review and check in.
 */
export const ExportPolicyButton = () => {
  const api = useApi(accessControlApiRef);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string>();

  const exportPolicy = async () => {
    setExporting(true);
    setError(undefined);
    try {
      const { content } = await api.exportPolicy();
      download('policy.yaml', content);
    } catch (e) {
      setError(`Could not export the policy: ${describeError(e as Error)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Box>
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        disabled={exporting}
        onClick={exportPolicy}
      >
        Export policy
      </Button>
      {error && (
        <Typography color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
};
