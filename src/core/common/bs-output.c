/* bs-output.c — temporary file, fsync, no-replace rename.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-output.h"
#include "bs-error.h"
#include "bs-platform.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* Enough for any folder a person keeps; stops an endless search. */
#define MAX_NAME_ATTEMPTS 10000

struct _BsOutput {
  char    *dir;
  char    *tmp_path;
  int      fd;
  guint64  offset;
};

BsOutput *
bs_output_new (const char *dir, GError **error)
{
  BsOutput *out;
  char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (dir != NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, BS_ERROR, BS_ERROR_IO, _("Cannot create the output folder %s: %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  fd = bs_platform_create_temp (dir, &tmp_path, error);
  if (fd < 0)
    return NULL;

  out = g_new0 (BsOutput, 1);
  out->dir = g_strdup (dir);
  out->tmp_path = tmp_path;
  out->fd = fd;
  return out;
}

gboolean
bs_output_write (BsOutput *out, const void *data, gsize len, GError **error)
{
  if (!bs_platform_write_all (out->fd, data, len, error))
    return FALSE;
  out->offset += len;
  return TRUE;
}

gboolean
bs_output_write_at (BsOutput *out, guint64 offset, const void *data, gsize len, GError **error)
{
  g_return_val_if_fail (offset + len <= out->offset, FALSE);
  return bs_platform_pwrite_all (out->fd, data, len, offset, error);
}

guint64
bs_output_get_offset (BsOutput *out)
{
  return out->offset;
}

const char *
bs_output_get_path (BsOutput *out)
{
  return out->tmp_path;
}

guint
bs_output_remove_leftovers (const char *dir)
{
  guint n = bs_platform_remove_stale_temps (dir);

  if (n > 0)
    g_debug ("removed %u temporary files of an interrupted run from %s", n, dir);
  return n;
}

static char *
numbered_name (const char *file_name, guint n)
{
  const char *dot = strrchr (file_name, '.');
  g_autofree char *stem = NULL;

  if (n == 1)
    return g_strdup (file_name);
  if (dot == NULL || dot == file_name)
    return g_strdup_printf ("%s (%u)", file_name, n);
  stem = g_strndup (file_name, (gsize) (dot - file_name));
  return g_strdup_printf ("%s (%u)%s", stem, n, dot);
}

static char *
rename_to_free_name (BsOutput *out, const char *file_name, GError **error)
{
  for (guint n = 1; n <= MAX_NAME_ATTEMPTS; n++)
    {
      g_autofree char *name = numbered_name (file_name, n);
      g_autofree char *path = g_build_filename (out->dir, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (bs_platform_rename_noreplace (out->tmp_path, path, &out->fd, &local_error))
        return g_steal_pointer (&path);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, BS_ERROR, BS_ERROR_IO, _("No free file name for %s in %s"),
               file_name, out->dir);
  return NULL;
}

char *
bs_output_commit (BsOutput *out, const char *file_name, GError **error)
{
  char *path;

  /* Synced before it has a name: a crash never leaves a named file with
   * parts missing. It stays open (and so live) until it has that name. */
  if (!bs_platform_sync (out->fd, error))
    {
      bs_output_abort (out);
      return NULL;
    }
  path = rename_to_free_name (out, file_name, error);
  if (path == NULL)
    {
      bs_output_abort (out);
      return NULL;
    }
  g_clear_pointer (&out->tmp_path, g_free);
  bs_output_abort (out);
  return path;
}

void
bs_output_abort (BsOutput *out)
{
  if (out == NULL)
    return;
  bs_platform_close (out->fd);
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  g_free (out->tmp_path);
  g_free (out->dir);
  g_free (out);
}

char *
bs_output_signed_name (const char *input)
{
  g_autofree char *base = g_path_get_basename (input);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base && g_ascii_strcasecmp (dot, ".pdf") == 0)
    *dot = '\0';
  return g_strdup_printf ("%s_signed.pdf", base);
}

char *
bs_output_default_dir (void)
{
  return g_build_filename (bs_platform_home_dir (), "Besign-output", NULL);
}
