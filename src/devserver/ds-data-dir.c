/* ds-data-dir.c — see ds-data-dir.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-devserver"

#include "ds-data-dir.h"
#include "bs-error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#define GROUP_OTHER_BITS 077

/* Files and folders inside get owner-only modes (older versions wrote
 * some with the umask's). */
static void
tighten (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) != 0 || S_ISLNK (st.st_mode))
        continue;
      if (S_ISDIR (st.st_mode))
        {
          if (st.st_mode & GROUP_OTHER_BITS)
            g_chmod (child, 0700);
          tighten (child);
        }
      else if (st.st_mode & GROUP_OTHER_BITS)
        g_chmod (child, 0600);
    }
}

gboolean
ds_data_dir_prepare (const char *path, GError **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      if (g_mkdir_with_parents (path, 0700) != 0 || g_chmod (path, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, BS_ERROR, BS_ERROR_IO, "Cannot create the data folder %s: %s", path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT, "The data folder %s is not a folder", path);
      return FALSE;
    }
#ifndef G_OS_WIN32
  if (st.st_mode & GROUP_OTHER_BITS)
    {
      g_set_error (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                   "Refusing the data folder %s: other users can read or enter it (mode %04o), and it holds the "
                   "CA's private keys. Make it private first (chmod 700 %s) or choose a new folder",
                   path, (unsigned) (st.st_mode & 07777), path);
      return FALSE;
    }
  tighten (path);
#endif
  return TRUE;
}

gboolean
ds_data_dir_private_file (const char *path, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_chmod (path, 0600) == 0 || (g_set_error (error, BS_ERROR, BS_ERROR_IO, "Cannot protect %s", path), FALSE);
  return g_file_set_contents_full (path, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, error);
}
