/* bs-revision-diff.h — what changed between a signed revision and the
 * document as it is now, and whether each change was allowed.
 *
 * Only objects that a later cross-reference section (re)defines can
 * differ; each is compared with its signed version and judged by its
 * role: catalog, AcroForm, field list, page, annotation list, field,
 * appearance, document information, DSS. Each change has a kind
 * (ISO 32000-2 Table 257's levels): validation data, document
 * time-stamps, metadata and tags are always allowed; new signatures and
 * form filling when the permission level is 2 or more (an approval
 * signature counts as 2; a certification's DocMDP P or the signed field's
 * lock /P can only lower it); comments at 3. A change to a field the
 * signature locks (FieldMDP, /Lock) is never allowed. Everything else —
 * page contents, resources, fonts, the page tree, catalog entries, a
 * signed object overridden, an annotation drawn over the page, a shared
 * appearance redrawn — is a modification (DESIGN.md §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
#include "bs-pdf-object.h"
#include "bs-pdf-xref.h"

G_BEGIN_DECLS

/* What a change is, in the order of ISO 32000-2 Table 257's permission
 * levels: each signature allows the kinds its level permits, and no
 * change to a field it locks (FieldMDP). */
typedef enum {
  BS_CHANGE_ALWAYS,      /* validation data, document time-stamps, metadata, tags */
  BS_CHANGE_SIGNING,     /* signature fields and signatures (P >= 2) */
  BS_CHANGE_FORM_FILL,   /* field values and their appearances (P >= 2) */
  BS_CHANGE_ANNOTATION,  /* comments (P = 3) */
  BS_CHANGE_FORBIDDEN,
} BsChangeKind;

typedef struct {
  char        *description;   /* a sentence for people (translated) */
  int          page;          /* page from 0, or -1 */
  guint        object;        /* object number, or 0 */
  gboolean     allowed;
  BsChangeKind kind;
  char        *field;         /* the fully qualified name of the field it changes, or NULL */
} BsChange;

typedef struct {
  BsPdfDocument      *signed_doc;       /* the signed revision */
  BsPdfDocument      *final_doc;        /* the document now */
  GPtrArray          *chain;            /* the final file's xref chain (bs_pdf_xref_chain), newest first, or NULL */
  guint64             signed_startxref; /* where the signed revision's own xref section is */
  guint64             signed_end;       /* where its bytes end */
  guint64             later_startxref;  /* where @final_doc's xref section is when it is a later
                                         * revision rather than the document now, else 0 */
  int                 docmdp;           /* the certification level in force, 0 for none */
  const BsFieldLocks *locks;            /* the fields the signature locks and its lock's /P, or NULL */
  GHashTable         *referrers;        /* bs_references_index() of @final_doc, or NULL to let qpdf
                                         * find dangling references itself (slower) */
  const guint8       *file;             /* the file's raw bytes, or NULL when qpdf's view of them was
                                         * repaired: values written alike are then not parsed */
  gsize               file_len;
  /* What the raw objects at given offsets hold, kept by the caller
   * across comparisons of the same file (or NULL): offset → is it a
   * signature (GINT_TO_POINTER 1 no, 2 yes) and offset → GArray of the
   * object numbers it refers to. */
  GHashTable         *signature_cache;
  GHashTable         *references_cache;
} BsRevisionDiffInput;

/* Returns a GPtrArray of BsChange (transfer full). */
GPtrArray *bs_revision_diff (const BsRevisionDiffInput *input);

/* @change as the signature with certification level @docmdp (0 for
 * none) and @locks judges it: a new change (transfer full). */
BsChange  *bs_change_judge (const BsChange *change, int docmdp, const BsFieldLocks *locks);

/* TRUE when no change in @changes is disallowed. */
gboolean   bs_changes_allowed (GPtrArray *changes);

void       bs_change_free (BsChange *change);

G_END_DECLS
