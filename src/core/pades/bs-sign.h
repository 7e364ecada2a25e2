/* bs-sign.h — PAdES signing of PDF files by incremental update.
 *
 * A BsSignJob takes one input through the whole data flow of DESIGN.md §2:
 * prepare (plan the update, stream the original bytes to a temporary file
 * in the output folder while hashing them, build the signed attributes),
 * then — once the signer has signed the hash — complete (embed the CMS,
 * sync, give the file its final name). Splitting the two lets one signer
 * call (one passphrase or OTP) cover a whole batch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-output.h"
#include "bs-pdf-geometry.h"
#include "bs-secret.h"
#include "bs-signer.h"

G_BEGIN_DECLS

/* PAdES baseline levels (ETSI EN 319 142-1). */
typedef enum {
  BS_SIGN_LEVEL_B_B,     /* the signature */
  BS_SIGN_LEVEL_B_T,     /* + a signature time-stamp */
  BS_SIGN_LEVEL_B_LT,    /* + validation data (certificates, OCSP/CRL) in a DSS */
  BS_SIGN_LEVEL_B_LTA,   /* + a document time-stamp over all of it */
} BsSignLevel;

/* "B-B" … "B-LTA" → level; FALSE for anything else. */
gboolean bs_sign_level_parse (const char *text, BsSignLevel *level);

typedef struct {
  gboolean       visible;
  int            page;          /* 1-based; for visible signatures */
  BsDisplayRect  rect;          /* as displayed: top-left origin, points */
  const char    *image_path;    /* specimen PNG/JPEG, or NULL */
  const char    *reason;        /* each may be NULL */
  const char    *location;
  const char    *contact;
  int            certify;       /* DocMDP P (1, 2 or 3) for a certification signature, or 0 */
  BsSignLevel    level;         /* B-T and above need @tsa_url */
  const char    *tsa_url;       /* RFC 3161 time-stamp authority, or NULL */
  gboolean       doc_timestamp; /* internal: a document time-stamp's dictionary */
  const char    *field_name;    /* sign into this empty signature field (its page and
                                   box win over @visible, @page, @rect), or NULL */
  const char    *at_text;       /* visible: put @rect's top-left corner (its size kept) on
                                   the first occurrence of this text, on @page or, when
                                   @page is 0, on the first page that has it (see
                                   bs_sign_place_at_text()); per document. Or NULL */
  const char    *output_dir;    /* folder for "<stem>_signed.pdf" */
  const char    *output_name;   /* overrides the file name, or NULL */
  const BsSecret *pdf_password; /* of a password-protected input, or NULL: used by
                                   bs_sign_files_server_side() (the service's pdfPassword);
                                   local signing refuses protected files */
} BsSignOptions;

typedef struct _BsSignJob BsSignJob;

/* Everything up to the signature value. @signer is used for its
 * certificate and chain only (transfer none). @cancellable also stops
 * the completion (time-stamp, validation data); a cancelled job writes
 * nothing. */
BsSignJob *bs_sign_job_prepare (const char *input, const BsSignOptions *options,
                                BsSigner *signer, GCancellable *cancellable,
                                GError **error);
/* The SHA-256 hash the signer must sign (transfer none). */
GBytes    *bs_sign_job_get_hash (BsSignJob *job);
/* The input was damaged; a copy qpdf rebuilt was signed instead. */
gboolean   bs_sign_job_was_repaired (BsSignJob *job);
/* Embeds @signature and saves the file; returns its path (transfer full). */
char      *bs_sign_job_complete (BsSignJob *job, GBytes *signature, GError **error);
/* Frees the job; an incomplete one leaves no file behind. */
void       bs_sign_job_free (BsSignJob *job);

/* Adds a document time-stamp (/Type /DocTimeStamp, /SubFilter
 * /ETSI.RFC3161) over @input as a new incremental update and writes the
 * result into @output_dir (PAdES B-LTA's last step). */
char      *bs_sign_document_timestamp (const char *input, const char *tsa_url, const char *output_dir,
                                       const char *output_name, GCancellable *cancellable, GError **error);

/* The same into a temporary of @output_dir, not yet named: the caller
 * commits or aborts it (transfer full). */
BsOutput  *bs_sign_document_timestamp_output (const char *input, const char *tsa_url, const char *output_dir,
                                              GCancellable *cancellable, GError **error);

/* Result of one document of a batch. */
typedef struct {
  char    *input;
  char    *output;   /* the signed file, or NULL */
  GError  *error;    /* why it failed, or NULL */
  gboolean repaired; /* the input was damaged and was rebuilt before signing */
} BsSignResult;

typedef void (*BsSignProgress) (const BsSignResult *result, guint done, guint total,
                                gpointer user_data);

/* Signs every input; one document's failure does not stop the others.
 * Hashes go to the signer in groups of at most 100. Returns a GPtrArray of
 * BsSignResult in input order (transfer full). Fails as a whole only when
 * the signer itself fails (wrong passphrase, service down): then the
 * remaining documents get that error. */
GPtrArray *bs_sign_files (const char * const *inputs, const BsSignOptions *options,
                          BsSigner *signer, BsSignProgress progress, gpointer user_data,
                          GCancellable *cancellable);

/* Like bs_sign_files() with options of their own for each input (the
 * window places each document's signature separately). */
GPtrArray *bs_sign_files_each (const char * const *inputs, const BsSignOptions * const *options,
                               BsSigner *signer, BsSignProgress progress, gpointer user_data,
                               GCancellable *cancellable);

void       bs_sign_result_free (BsSignResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BsSignJob, bs_sign_job_free)

G_END_DECLS
