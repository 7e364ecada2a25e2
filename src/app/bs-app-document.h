/* bs-app-document.h — a document listed for signing: where its signature
 * goes (invisible, a box on a page, or an empty field of its own) and what
 * signing it gave (signed with its output, or failed and why). Rows, the
 * signature box and the signing dialog all watch the same object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-pdf-geometry.h"
#include "bs-secret.h"
#include "bs-sign.h"
#include "bs-sign-fields.h"

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  BS_DOC_PENDING,   /* not signed yet */
  BS_DOC_SIGNED,
  BS_DOC_FAILED,
} BsDocState;

GType bs_doc_state_get_type (void);
#define BS_TYPE_DOC_STATE (bs_doc_state_get_type ())

#define BS_TYPE_APP_DOCUMENT (bs_app_document_get_type ())
G_DECLARE_FINAL_TYPE (BsAppDocument, bs_app_document, BS, APP_DOCUMENT, GObject)

BsAppDocument *bs_app_document_new (const char *path);

const char    *bs_app_document_get_path (BsAppDocument *self);
/* The file name, as listed. */
const char    *bs_app_document_get_name (BsAppDocument *self);

gboolean       bs_app_document_get_visible (BsAppDocument *self);
void           bs_app_document_set_visible (BsAppDocument *self, gboolean visible);
/* The box's page (1-based) and rectangle (points as displayed). */
int            bs_app_document_get_page (BsAppDocument *self);
void           bs_app_document_set_page (BsAppDocument *self, int page);
const BsDisplayRect *bs_app_document_get_rect (BsAppDocument *self);
void           bs_app_document_set_rect (BsAppDocument *self, const BsDisplayRect *rect);
/* Places the box where a signature usually goes — bottom right, above the
 * margin — on a page of @width × @height points, unless someone (or the
 * document's own field) placed it already. */
void           bs_app_document_place_default (BsAppDocument *self, double width, double height);
gboolean       bs_app_document_is_placed (BsAppDocument *self);

/* The document's empty signature fields (BsSignField), once known. */
GPtrArray     *bs_app_document_get_fields (BsAppDocument *self);
void           bs_app_document_set_fields (BsAppDocument *self, GPtrArray *fields);
/* Signs into this empty field (its page and box win), or NULL. */
const char    *bs_app_document_get_field_name (BsAppDocument *self);
void           bs_app_document_use_field (BsAppDocument *self, const BsSignField *field);

BsDocState     bs_app_document_get_state (BsAppDocument *self);
/* The signed file once signed, else NULL. */
const char    *bs_app_document_get_output (BsAppDocument *self);
/* Why it failed, in a few words for people, else NULL. */
const char    *bs_app_document_get_failure (BsAppDocument *self);
/* The full message of that failure (for a tooltip), else NULL. */
const char    *bs_app_document_get_failure_detail (BsAppDocument *self);
/* The document opens only with a password ("locked"), and the password
 * given for it (kept, in memory only, until it is signed; @password is
 * taken; "has-password"). */
gboolean       bs_app_document_is_locked (BsAppDocument *self);
void           bs_app_document_set_locked (BsAppDocument *self, gboolean locked);
const BsSecret *bs_app_document_get_pdf_password (BsAppDocument *self);
void           bs_app_document_set_pdf_password (BsAppDocument *self, BsSecret *password);
/* Records one document's outcome of a batch. */
void           bs_app_document_set_result (BsAppDocument *self, const BsSignResult *result);

G_END_DECLS
