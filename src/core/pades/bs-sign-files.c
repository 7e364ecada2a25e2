/* bs-sign-files.c — see bs-sign-files.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign-files.h"
#include "bs-error.h"
#include "bs-pdf-object.h"

#include <glib/gi18n-lib.h>

#define COPY_CHUNK (256 * 1024)

static void
set_changed (GError **error)
{
  g_set_error_literal (error, BS_ERROR, BS_ERROR_IO,
                       _("The file changed while it was being signed; nothing was written. "
                         "Sign it again once it is saved"));
}

gboolean
bs_sign_input_open (BsSignInput *in, const char *path, GError **error)
{
  in->path = path;
  in->fd = bs_platform_open_read (path, error);
  if (in->fd < 0 || !bs_platform_file_stamp (in->fd, &in->stamp, error))
    return FALSE;
  if (in->stamp.size == 0)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_NOT_PDF, _("The file is empty"));
      return FALSE;
    }
  return TRUE;
}

gboolean
bs_sign_input_unchanged (BsSignInput *in, GError **error)
{
  BsFileStamp now;

  if (!bs_platform_file_stamp (in->fd, &now, error))
    return FALSE;
  /* Every write moves the modification time. The change time is not
   * compared: metadata alone (permissions, a backup tool's attributes)
   * changes it, and the bytes are what matters. */
  if (now.size != in->stamp.size || now.mtime_ns != in->stamp.mtime_ns)
    {
      set_changed (error);
      return FALSE;
    }
  return TRUE;
}

void
bs_sign_input_clear (BsSignInput *in)
{
  bs_platform_close (in->fd);
  in->fd = -1;
}

gboolean
bs_sign_copy_bytes (int fd, guint64 size, BsOutput *out, EVP_MD_CTX *md, GCancellable *cancellable,
                    GError **error)
{
  g_autofree guint8 *buf = g_malloc (COPY_CHUNK);
  guint64 done = 0;

  /* pread: qpdf may share the file position (a duplicated descriptor). */
  while (done < size)
    {
      gssize n = bs_platform_pread (fd, buf, (gsize) MIN ((guint64) COPY_CHUNK, size - done), done, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          set_changed (error);
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (md != NULL)
        EVP_DigestUpdate (md, buf, (gsize) n);
      if (!bs_output_write (out, buf, (gsize) n, error))
        return FALSE;
      done += (guint64) n;
    }
  return TRUE;
}

gboolean
bs_sign_check_output (BsOutput *out, guint num, const char *key, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BsPdfDocument) doc = bs_pdf_document_open (bs_output_get_path (out), &local_error);

  if (doc != NULL && bs_pdf_obj_has (doc, bs_pdf_object (doc, num, 0), key))
    return TRUE;
  g_set_error (error, BS_ERROR, BS_ERROR_FAILED,
               _("The signed file could not be read back (%s); it was not saved"),
               local_error ? local_error->message : _("the new objects are missing"));
  return FALSE;
}
