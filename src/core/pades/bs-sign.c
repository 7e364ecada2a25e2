/* bs-sign.c — one document from input to signed output, and batches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-sign.h"
#include "bs-cms-builder.h"
#include "bs-error.h"
#include "bs-ltv.h"
#include "bs-output.h"
#include "bs-platform.h"
#include "bs-sign-files.h"
#include "bs-sign-marker.h"
#include "bs-sign-plan.h"
#include "bs-tsa.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <string.h>

/* Room for the CMS structure around certificates and signature value:
 * algorithm identifiers, signed attributes, signing-certificate-v2. */
#define CMS_OVERHEAD 2048

struct _BsSignJob {
  char         *input;
  char         *output_name;
  BsOutput     *out;
  BsSignPlan    plan;
  BsCmsBuilder *builder;
  GBytes       *hash;
  char         *output_dir;
  GCancellable *cancellable; /* of the whole batch, or NULL */
  char         *tsa_url;     /* time-stamp the signature (B-T), or NULL */
  BsSignLevel   level;
  gboolean      repaired;    /* the input was damaged and was rebuilt first */
};

gboolean
bs_sign_level_parse (const char *text, BsSignLevel *level)
{
  static const char *const names[] = { "B-B", "B-T", "B-LT", "B-LTA" };

  for (gsize i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *level = (BsSignLevel) i;
        return TRUE;
      }
  return FALSE;
}

static gsize
cms_capacity (BsSigner *signer, const BsSignOptions *options)
{
  STACK_OF (X509) *chain = bs_signer_get_chain (signer);
  X509 *cert = bs_signer_get_certificate (signer);
  gsize total = CMS_OVERHEAD + (gsize) EVP_PKEY_get_size (X509_get0_pubkey (cert))
                + (gsize) i2d_X509 (cert, NULL);

  for (int i = 0; chain != NULL && i < sk_X509_num (chain); i++)
    total += (gsize) i2d_X509 (sk_X509_value (chain, i), NULL);
  return total + (options->level >= BS_SIGN_LEVEL_B_T ? BS_TSA_TOKEN_ALLOWANCE : 0);
}

static gboolean
write_update (BsSignJob *job, EVP_MD_CTX *md, GError **error)
{
  const guint8 *bytes = job->plan.bytes->data;
  gsize gap_start = job->plan.contents_at;
  gsize gap_end = gap_start + job->plan.contents_hex + 2;

  /* Everything but the /Contents hex string (with its < >) is signed. */
  EVP_DigestUpdate (md, bytes, gap_start);
  EVP_DigestUpdate (md, bytes + gap_end, job->plan.bytes->len - gap_end);
  return bs_output_write (job->out, bytes, job->plan.bytes->len, error);
}

static gboolean
check_document (BsPdfDocument *doc, GError **error)
{
  /* ISO 32000-1 12.8.2.2: P=1 certifies that no change at all is allowed,
   * a new signature included. */
  if (bs_pdf_document_get_docmdp_permission (doc) == 1)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                           _("The document is certified and its author allows no further changes, "
                             "not even signatures"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
plan_from_input (BsSignJob *job, BsPdfDocument *doc, int fd, guint64 *size, const BsSignOptions *options,
                 BsSigner *signer, gsize capacity, GError **error)
{
  BsPdfRevision last;

  if (!bs_platform_file_size (fd, size, error) || !check_document (doc, error)
      || !bs_pdf_revisions_last (fd, *size, &last, error))
    return FALSE;
  return bs_sign_plan_build (doc, *size, &last, options, signer, capacity, &job->plan, error);
}

/* Writes the document with its update and an empty /Contents, and the
 * SHA-256 of everything the /ByteRange covers into @digest. */
static gboolean
write_and_hash (BsSignJob *job, BsPdfDocument *doc, int fd, const BsSignOptions *options, BsSigner *signer,
                gsize capacity, guint8 digest[32], GCancellable *cancellable, GError **error)
{
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guint64 size = 0;
  gboolean ok;

  ok = plan_from_input (job, doc, fd, &size, options, signer, capacity, error)
       && (job->out = bs_output_new (options->output_dir, error)) != NULL
       && EVP_DigestInit_ex (md, EVP_sha256 (), NULL) == 1
       && bs_sign_copy_bytes (fd, size, job->out, md, cancellable, error)
       && write_update (job, md, error)
       && EVP_DigestFinal_ex (md, digest, NULL) == 1;
  EVP_MD_CTX_free (md);
  return ok;
}

/* A damaged file that nobody has signed yet is rebuilt by qpdf into a
 * private folder (*@dir) and signed from there, as other signing
 * applications do: what is signed is then one unambiguous file. A signed
 * one is refused, since a rebuild would break the signatures it has. */
static BsPdfDocument *
open_rebuilt (BsSignJob *job, BsSignInput *in, char **dir, char **rebuilt, GError **error)
{
  g_autoptr(BsPdfDocument) damaged = bs_pdf_document_open_fd (in->fd, in->path, BS_PDF_OPEN_ALLOW_RECOVERY, NULL);

  if (damaged == NULL || bs_pdf_document_has_signatures (damaged)
      || (*dir = g_dir_make_tmp ("besign-sign-XXXXXX", error)) == NULL)
    return NULL;
  *rebuilt = g_build_filename (*dir, "rebuilt.pdf", NULL);
  if (!bs_pdf_document_write (damaged, *rebuilt, error))
    return NULL;
  job->repaired = TRUE;
  return bs_pdf_document_open (*rebuilt, error);
}

/* The document to sign and an open descriptor of its bytes (*@fd): the
 * input's own, or one of its rebuilt copy (*@rebuilt in *@dir; the caller
 * removes both and closes that descriptor). */
static BsPdfDocument *
open_signable (BsSignJob *job, BsSignInput *in, char **dir, char **rebuilt, int *fd, GError **error)
{
  g_autoptr(GError) damaged = NULL;
  g_autoptr(BsPdfDocument) doc = bs_pdf_document_open_fd (in->fd, in->path, BS_PDF_OPEN_STRICT, &damaged);

  *fd = in->fd;
  if (doc == NULL && g_error_matches (damaged, BS_ERROR, BS_ERROR_DAMAGED))
    doc = open_rebuilt (job, in, dir, rebuilt, NULL);
  if (doc == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&damaged));
      return NULL;
    }
  if (job->repaired)
    *fd = bs_platform_open_read (*rebuilt, error);
  return *fd >= 0 ? g_steal_pointer (&doc) : NULL;
}

static void
remove_rebuilt (char *dir, char *rebuilt)
{
  if (rebuilt != NULL)
    g_unlink (rebuilt);
  if (dir != NULL)
    g_rmdir (dir);
}

/* @options with the box on the marker text, when one is asked for;
 * @path is the file @doc was read from (Poppler finds the text there).
 * A signature field, when named, decides the place instead. */
static gboolean
place_at_text (BsPdfDocument *doc, const char *path, const BsSignOptions *options, BsSignOptions *placed,
               GError **error)
{
  *placed = *options;
  if (options->at_text == NULL || options->field_name != NULL || !options->visible)
    return TRUE;
  /* No password: local signing opens no protected file (open_signable). */
  return bs_sign_place_at_text (doc, path, NULL, options->at_text, &placed->page, &placed->rect, error);
}

static gboolean
prepare (BsSignJob *job, const BsSignOptions *options, BsSigner *signer, GCancellable *cancellable,
         GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *rebuilt = NULL;
  g_autoptr(BsPdfDocument) doc = NULL;
  BsSignInput in = { .fd = -1 };
  BsSignOptions placed;
  guint8 digest[32];
  int fd = -1;
  gboolean ok;

  if (!bs_certificate_check_usable (bs_signer_get_certificate (signer), error)
      || !bs_sign_input_open (&in, job->input, error))
    {
      bs_sign_input_clear (&in);
      return FALSE;
    }
  doc = open_signable (job, &in, &dir, &rebuilt, &fd, error);
  ok = doc != NULL
       && place_at_text (doc, rebuilt ? rebuilt : job->input, options, &placed, error)
       && write_and_hash (job, doc, fd, &placed, signer, cms_capacity (signer, options), digest, cancellable, error)
       && bs_sign_input_unchanged (&in, error);
  if (fd != in.fd)
    bs_platform_close (fd);
  bs_sign_input_clear (&in);
  remove_rebuilt (dir, rebuilt);
  if (!ok)
    return FALSE;
  job->builder = bs_cms_builder_new (bs_signer_get_certificate (signer),
                                     bs_signer_get_chain (signer), digest, error);
  if (job->builder == NULL)
    return FALSE;
  job->hash = bs_cms_builder_dup_hash_to_sign (job->builder);
  return TRUE;
}

BsSignJob *
bs_sign_job_prepare (const char *input, const BsSignOptions *options, BsSigner *signer,
                     GCancellable *cancellable, GError **error)
{
  g_autoptr(BsSignJob) job = NULL;

  g_return_val_if_fail (input != NULL && options != NULL && BS_IS_SIGNER (signer), NULL);
  g_return_val_if_fail (options->output_dir != NULL, NULL);
  if (options->level >= BS_SIGN_LEVEL_B_T && options->tsa_url == NULL)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_INVALID_ARGUMENT,
                           _("Time-stamped signatures (B-T and above) need a time-stamp authority (TSA) address"));
      return NULL;
    }

  job = g_new0 (BsSignJob, 1);
  job->input = g_strdup (input);
  job->output_dir = g_strdup (options->output_dir);
  job->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  job->output_name = options->output_name ? g_strdup (options->output_name)
                                          : bs_output_signed_name (input);
  job->tsa_url = options->level >= BS_SIGN_LEVEL_B_T ? g_strdup (options->tsa_url) : NULL;
  job->level = options->level;
  return prepare (job, options, signer, cancellable, error) ? g_steal_pointer (&job) : NULL;
}

GBytes *
bs_sign_job_get_hash (BsSignJob *job)
{
  return job->hash;
}

gboolean
bs_sign_job_was_repaired (BsSignJob *job)
{
  return job->repaired;
}

static char *
hex_encode (GBytes *der)
{
  static const char digits[] = "0123456789ABCDEF";
  gsize len;
  const guint8 *p = g_bytes_get_data (der, &len);
  char *hex = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[p[i] >> 4];
      hex[2 * i + 1] = digits[p[i] & 0xf];
    }
  hex[len * 2] = '\0';
  return hex;
}

/* PAdES B-T: an RFC 3161 token over the signature value, as the
 * signature-time-stamp unsigned attribute (RFC 5652 / ETSI EN 319 122-1). */
static gboolean
add_signature_timestamp (BsSignJob *job, GError **error)
{
  GBytes *value = bs_cms_builder_get_signature (job->builder);
  guint8 digest[32];
  g_autoptr(GBytes) token = NULL;

  EVP_Digest (g_bytes_get_data (value, NULL), g_bytes_get_size (value), digest, NULL, EVP_sha256 (), NULL);
  token = bs_tsa_timestamp (job->tsa_url, digest, job->cancellable, error);
  return token != NULL && bs_cms_builder_add_unsigned (job->builder, NID_id_smime_aa_timeStampToken, token, error);
}

/* Fills /Contents with @der and reads the result back. The object looked
 * up is the appearance written in the same update, a small one: resolving
 * the signature dictionary would make qpdf parse the whole /Contents
 * string, for every document of a batch. */
static gboolean
write_contents (BsSignJob *job, GBytes *der, GError **error)
{
  g_autofree char *hex = hex_encode (der);

  if (strlen (hex) > job->plan.contents_hex)
    {
      g_set_error_literal (error, BS_ERROR, BS_ERROR_SIGNATURE_SPACE,
                           _("The signature is larger than the space reserved for it"));
      return FALSE;
    }
  return bs_output_write_at (job->out, job->plan.base + job->plan.contents_at + 1, hex, strlen (hex), error)
         && bs_sign_check_output (job->out, job->plan.form_num, "/BBox", error);
}

char *
bs_sign_job_complete (BsSignJob *job, GBytes *signature, GError **error)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(BsOutput) extended = NULL;

  g_return_val_if_fail (job->out != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error)
      || !bs_cms_builder_set_signature (job->builder, signature, error)
      || (job->tsa_url != NULL && !add_signature_timestamp (job, error)))
    return NULL;
  der = bs_cms_builder_finish (job->builder, error);
  if (der == NULL || !write_contents (job, der, error))
    return NULL;
  if (job->level < BS_SIGN_LEVEL_B_LT)
    return bs_output_commit (g_steal_pointer (&job->out), job->output_name, error);
  /* B-LT and B-LTA: validation data (and a document time-stamp) are added
   * to the signed temporary, into another; only the last one is named,
   * so no file stands under the final name at a lower level than asked,
   * whenever the process ends. */
  extended = bs_ltv_extend_output (bs_output_get_path (job->out),
                                   job->level == BS_SIGN_LEVEL_B_LTA ? job->tsa_url : NULL,
                                   job->output_dir, job->cancellable, error);
  g_clear_pointer (&job->out, bs_output_abort);
  if (extended == NULL)
    return NULL;
  return bs_output_commit (g_steal_pointer (&extended), job->output_name, error);
}

BsOutput *
bs_sign_document_timestamp_output (const char *input, const char *tsa_url, const char *output_dir,
                                   GCancellable *cancellable, GError **error)
{
  BsSignOptions options = { .doc_timestamp = TRUE, .output_dir = output_dir };
  g_autoptr(BsSignJob) job = g_new0 (BsSignJob, 1);
  g_autoptr(GBytes) token = NULL;
  g_autoptr(BsPdfDocument) doc = NULL;
  BsSignInput in = { .fd = -1 };
  guint8 digest[32];
  gboolean ok;

  job->input = g_strdup (input);
  ok = bs_sign_input_open (&in, input, error)
       && (doc = bs_pdf_document_open_fd (in.fd, input, BS_PDF_OPEN_STRICT, error)) != NULL
       && write_and_hash (job, doc, in.fd, &options, NULL, BS_TSA_TOKEN_ALLOWANCE, digest, cancellable, error)
       && bs_sign_input_unchanged (&in, error);
  bs_sign_input_clear (&in);
  /* ETSI EN 319 142-1 5.4.3: the token's imprint is the digest of the
   * byte ranges, as for a signature. */
  if (!ok || (token = bs_tsa_timestamp (tsa_url, digest, cancellable, error)) == NULL
      || !write_contents (job, token, error))
    return NULL;
  return g_steal_pointer (&job->out);
}

char *
bs_sign_document_timestamp (const char *input, const char *tsa_url, const char *output_dir,
                            const char *output_name, GCancellable *cancellable, GError **error)
{
  g_autofree char *name = output_name ? g_strdup (output_name) : bs_output_signed_name (input);
  BsOutput *out = bs_sign_document_timestamp_output (input, tsa_url, output_dir, cancellable, error);

  return out != NULL ? bs_output_commit (out, name, error) : NULL;
}

void
bs_sign_job_free (BsSignJob *job)
{
  if (job == NULL)
    return;
  bs_output_abort (job->out);
  bs_sign_plan_clear (&job->plan);
  bs_cms_builder_free (job->builder);
  g_clear_pointer (&job->hash, g_bytes_unref);
  g_free (job->input);
  g_free (job->output_dir);
  g_clear_object (&job->cancellable);
  g_free (job->output_name);
  g_free (job->tsa_url);
  g_free (job);
}

void
bs_sign_result_free (BsSignResult *result)
{
  if (result == NULL)
    return;
  g_free (result->input);
  g_free (result->output);
  g_clear_error (&result->error);
  g_free (result);
}
