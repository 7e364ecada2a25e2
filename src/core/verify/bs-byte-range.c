/* bs-byte-range.c — byte range checks against the raw bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-byte-range.h"
#include "bs-error.h"
#include "bs-platform.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A CMS with a long chain and embedded revocation data stays far below
 * this; a larger gap is a hostile file and is not read. */
#define MAX_GAP_BYTES (16u * 1024 * 1024)
#define HASH_CHUNK (256 * 1024)

static gboolean
is_pdf_space (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* The gap must be "<hex>" whose value is the /Contents string qpdf read
 * from the signature dictionary: anything else in the gap (a second
 * object, a moved string) would be unsigned content (Signature Wrapping). */
static gboolean
gap_is_contents (const guint8 *gap, gsize len, GBytes *contents)
{
  gsize clen;
  const guint8 *c = contents ? g_bytes_get_data (contents, &clen) : NULL;
  gsize out = 0;
  int high = -1;

  if (c == NULL || len < 2 || gap[0] != '<' || gap[len - 1] != '>')
    return FALSE;
  for (gsize i = 1; i + 1 < len; i++)
    {
      int v = g_ascii_xdigit_value ((char) gap[i]);
      if (v < 0)
        {
          if (!is_pdf_space (gap[i]))
            return FALSE;
          continue;
        }
      if (high < 0)
        {
          high = v;
          continue;
        }
      if (out >= clen || c[out] != (guint8) (high << 4 | v))
        return FALSE;
      out++;
      high = -1;
    }
  /* An odd final digit counts as followed by 0 (ISO 32000-1 7.3.4.3). */
  if (high >= 0 && (out >= clen || c[out++] != (guint8) (high << 4)))
    return FALSE;
  return out == clen;
}

static gboolean
read_gap_matches (int fd, guint64 start, guint64 len, GBytes *contents)
{
  g_autofree guint8 *gap = NULL;
  gssize n;

  if (len > MAX_GAP_BYTES)
    return FALSE;
  gap = g_malloc ((gsize) len);
  n = bs_platform_pread (fd, gap, (gsize) len, start, NULL);
  return n == (gssize) len && gap_is_contents (gap, (gsize) len, contents);
}

static gboolean
find_revision (GArray *revisions, guint64 end, guint *index)
{
  for (guint i = 0; i < revisions->len; i++)
    {
      const BsPdfRevision *r = &g_array_index (revisions, BsPdfRevision, i);
      /* Signers differ on whether the end-of-line after %%EOF is signed. */
      if (end >= r->eof && end <= r->end)
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

BsByteRangeStatus
bs_byte_range_check (int fd, guint64 file_size, const gint64 br[4], gboolean br_present,
                     GBytes *contents, GArray *revisions, guint64 *signed_end, guint *revision)
{
  guint64 a, b, c;

  if (!br_present)
    return BS_BYTE_RANGE_MISSING;
  if (br[0] != 0 || br[1] <= 0 || br[2] <= 0 || br[3] < 0 || br[2] <= br[1])
    return BS_BYTE_RANGE_MALFORMED;
  a = (guint64) br[1];
  b = (guint64) br[2];
  c = (guint64) br[3];
  if (b > file_size || c > file_size - b)
    return BS_BYTE_RANGE_OUTSIDE_FILE;
  if (!read_gap_matches (fd, a, b - a, contents))
    return BS_BYTE_RANGE_GAP_NOT_CONTENTS;
  if (!find_revision (revisions, b + c, revision))
    return BS_BYTE_RANGE_NOT_REVISION_END;
  *signed_end = b + c;
  return BS_BYTE_RANGE_OK;
}

const char *
bs_byte_range_status_describe (BsByteRangeStatus status)
{
  switch (status)
    {
    case BS_BYTE_RANGE_OK:
      return _("The signature covers a whole revision of the document");
    case BS_BYTE_RANGE_MISSING:
      return _("The signature has no valid /ByteRange");
    case BS_BYTE_RANGE_MALFORMED:
      return _("The /ByteRange of the signature is malformed");
    case BS_BYTE_RANGE_OUTSIDE_FILE:
      return _("The /ByteRange of the signature reaches outside the file");
    case BS_BYTE_RANGE_GAP_NOT_CONTENTS:
      return _("The bytes left out of the signature are not exactly its /Contents");
    case BS_BYTE_RANGE_NOT_REVISION_END:
      return _("The signed bytes do not end at the end of a revision");
    default:
      return _("Unknown byte range problem");
    }
}

static gboolean
hash_range (int fd, guint64 offset, guint64 len, EVP_MD_CTX *ctx, guint8 *buf,
            GCancellable *cancellable, GError **error)
{
  while (len > 0)
    {
      gssize n = bs_platform_pread (fd, buf, (gsize) MIN (len, (guint64) HASH_CHUNK), offset, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error_literal (error, BS_ERROR, BS_ERROR_IO, _("The file is shorter than its signature says"));
          return FALSE;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      EVP_DigestUpdate (ctx, buf, (gsize) n);
      offset += (guint64) n;
      len -= (guint64) n;
    }
  return TRUE;
}

gboolean
bs_byte_range_update (int fd, const gint64 br[4], EVP_MD_CTX *ctx, GCancellable *cancellable,
                      GError **error)
{
  g_autofree guint8 *buf = g_malloc (HASH_CHUNK);

  return hash_range (fd, (guint64) br[0], (guint64) br[1], ctx, buf, cancellable, error)
         && hash_range (fd, (guint64) br[2], (guint64) br[3], ctx, buf, cancellable, error);
}

gboolean
bs_byte_range_digest (int fd, const gint64 br[4], const EVP_MD *md, guint8 *digest,
                      guint *digest_len, GCancellable *cancellable, GError **error)
{
  EVP_MD_CTX *ctx = EVP_MD_CTX_new ();
  gboolean ok = ctx != NULL && EVP_DigestInit_ex (ctx, md, NULL) == 1
                && bs_byte_range_update (fd, br, ctx, cancellable, error)
                && EVP_DigestFinal_ex (ctx, digest, digest_len) == 1;

  EVP_MD_CTX_free (ctx);
  if (!ok && error != NULL && *error == NULL)
    bs_set_openssl_error (error, BS_ERROR_CRYPTO, _("Cannot hash the signed bytes"));
  return ok;
}
