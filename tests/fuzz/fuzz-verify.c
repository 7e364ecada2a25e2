/* fuzz-verify.c — libFuzzer target over the whole verification entry point
 * and the signer's PDF reading (revisions, qpdf, pages, form, update plan,
 * the rebuild of damaged files).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "bs-pdf-document.h"
#include "bs-pdf-revisions.h"
#include "bs-platform.h"
#include "bs-verify.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *input_file;

static void
remove_input (void)
{
  g_unlink (input_file);
}

static char *
input_path (void)
{
  if (input_file == NULL)
    {
      g_autofree char *name = g_strdup_printf ("besign-fuzz-%d.pdf", (int) getpid ());
      input_file = g_build_filename (g_get_tmp_dir (), name, NULL);
      atexit (remove_input);
    }
  return input_file;
}

/* What signing does with a damaged file nobody signed: qpdf's rebuild,
 * written out and read back strictly. */
static void
exercise_rebuild (const char *path)
{
  g_autoptr(BsPdfDocument) damaged = bs_pdf_document_open_full (path, BS_PDF_OPEN_ALLOW_RECOVERY, NULL);
  g_autofree char *rebuilt = g_strconcat (path, ".rebuilt", NULL);

  if (damaged != NULL && !bs_pdf_document_has_signatures (damaged) && bs_pdf_document_write (damaged, rebuilt, NULL))
    {
      g_autoptr(BsPdfDocument) again = bs_pdf_document_open (rebuilt, NULL);
      g_unlink (rebuilt);
    }
}

static void
exercise_signer_reading (const char *path, int fd, guint64 size)
{
  g_autoptr(GArray) revisions = bs_pdf_revisions_scan (fd, size, NULL);
  g_autoptr(BsPdfDocument) doc = bs_pdf_document_open (path, NULL);
  BsPdfRevision last;
  BsPdfTrailer trailer;
  BsPdfPage page;

  bs_pdf_revisions_last (fd, size, &last, NULL);
  if (doc == NULL)
    {
      exercise_rebuild (path);
      return;
    }
  for (int i = 0; i < MIN (bs_pdf_document_get_n_pages (doc), 8); i++)
    bs_pdf_document_get_page (doc, i, &page, NULL);
  if (bs_pdf_document_get_trailer (doc, &trailer, NULL))
    bs_pdf_trailer_clear (&trailer);
  g_strfreev (bs_pdf_document_dup_field_names (doc));
  bs_pdf_document_get_docmdp_permission (doc);
  g_clear_pointer (&revisions, g_array_unref);
  {
    guint first = 0;

    if (bs_pdf_document_new_object_numbers (doc, 6, &first, NULL))
      {
        g_autoptr(GPtrArray) plan = bs_pdf_document_plan_field (doc, 0, first, 0, NULL);
      }
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = input_path ();
  g_autoptr(BsVerifyReport) report = NULL;
  int fd;

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    return 0;
  fd = bs_platform_open_read (path, NULL);
  if (fd >= 0)
    {
      if (size > 0)
        exercise_signer_reading (path, fd, size);
      bs_platform_close (fd);
    }
  report = bs_verify_file (path, NULL, NULL, NULL);
  return 0;
}
