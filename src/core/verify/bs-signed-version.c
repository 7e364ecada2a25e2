/* bs-signed-version.c — see bs-signed-version.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-signed-version.h"
#include "bs-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

gint64
bs_signed_version_end (const BsSignatureReport *signature)
{
  const gint64 *br = signature->field->byte_range;

  if (!signature->field->byte_range_ok || br[2] < 0 || br[3] < 0 || br[2] > G_MAXINT64 - br[3])
    return -1;
  return br[2] + br[3];
}

char *
bs_signed_version_save (const char *path, gint64 end, GError **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_autofree char *out = NULL;
  int fd;

  if (file == NULL)
    return NULL;
  if (end <= 0 || (guint64) end > g_mapped_file_get_length (file))
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_DAMAGED,
                           _("This signature does not say which version of the document it signed"));
      return NULL;
    }
  fd = g_file_open_tmp ("besign-signed-XXXXXX.pdf", &out, error);
  if (fd < 0)
    return NULL;
  g_close (fd, NULL);
  if (!g_file_set_contents_full (out, g_mapped_file_get_contents (file), (gssize) end,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_unlink (out);
      return NULL;
    }
  return g_steal_pointer (&out);
}
