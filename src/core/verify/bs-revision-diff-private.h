/* bs-revision-diff-private.h — shared by the diff walk, the roles and
 * the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-field-locks.h"
#include "bs-pdf-raw.h"
#include "bs-revision-diff.h"

G_BEGIN_DECLS

typedef enum {
  ROLE_NONE,
  ROLE_CATALOG,
  ROLE_INFO,
  ROLE_METADATA,
  ROLE_ACROFORM,
  ROLE_FIELDS,
  ROLE_PAGES_NODE,
  ROLE_PAGE,
  ROLE_ANNOTS,
  ROLE_ANNOTATION,
  ROLE_FORM_FIELD,
  ROLE_FIELD_APPEARANCE,
  ROLE_SIG_FIELD_EMPTY,
  ROLE_SIG_FIELD_SIGNED,
  ROLE_SIG_DICT,
  ROLE_SIG_PLACEHOLDER,
  ROLE_EMPTY_SIG_APPEARANCE,
  ROLE_DSS,
  ROLE_STRUCTURE,
} Role;


/* Where a value is written in the file, in the signed revision (@a)
 * and now (@b): lets the rules skip what is written the same. */
typedef struct {
  BsRawSpan a, b;
} RawPair;

typedef struct {
  BsPdfDocument *a;          /* the signed revision */
  BsPdfDocument *b;          /* the document now */
  int            level;      /* the permission level in force: 1, 2 or 3 */
  int            docmdp;     /* the certification level, 0 for none */
  const BsFieldLocks *locks; /* the fields this signature locks, or NULL */
  guint          first_new;  /* first object number the signed revision did not use */
  guint64        signed_end; /* where the signed revision ends in the file */
  GHashTable    *roles;      /* object number → Role, from @a */
  GHashTable    *pages;      /* object number → page index, from @a */
  GHashTable    *names;      /* field object number → its fully qualified name, from @a */
  GHashTable    *owners;     /* appearance stream → the widget that shows it */
  GHashTable    *drawn;      /* objects the pages of @a draw with, when asked */
  gboolean       drawn_complete;
  GHashTable    *content;    /* the same without annotations, when asked */
  gboolean       content_complete;
  GHashTable    *referrers;  /* the final document's reverse references, or NULL */
  GHashTable    *listed;     /* number → generation (or BS_XREF_FREE) when signed */
  GHashTable    *redefined;  /* numbers the updates after signing define */
  GHashTable    *compared;   /* the numbers compared, when fewer than @redefined (one update), or NULL */
  GHashTable    *old_refs;   /* what the signed versions of those referred to, when asked */
  gboolean       old_refs_complete;
  const guint8  *file;       /* the raw file, or NULL when qpdf's view is not the bytes' */
  gsize          file_len;
  GHashTable    *signed_positions; /* number → offset of its definition when signed */
  GHashTable    *final_positions;  /* number → offset of its definition now */
  GHashTable    *signature_cache;  /* see BsRevisionDiffInput, or NULL */
  GHashTable    *references_cache;
  GPtrArray     *changes;
} Diff;

/* Records a change of @kind to the field @field (a fully qualified name,
 * or NULL for what is no field): allowed when the permission level
 * allows @kind and the signature does not lock @field. */
void     diff_change (Diff *d, BsChangeKind kind, const char *field, int page, guint object,
                      const char *format, ...) G_GNUC_PRINTF (6, 7);
int      diff_page_of (Diff *d, guint num);
/* The fully qualified name of the field object @num in @a, or NULL. */
const char *diff_field_name (Diff *d, guint num);

gboolean diff_same_value (Diff *d, BsPdfObj a, BsPdfObj b);

/* @field (in the document now) holds a signature over a later revision. */
gboolean diff_field_signed_later (Diff *d, BsPdfObj field);
/* The signature dictionary @sig (in the document now) signs bytes past
 * the signed revision. */
gboolean diff_signs_later (Diff *d, BsPdfObj sig);

/* Roles of the signed revision's objects (bs-revision-roles.c). */
void     diff_mark_roles (Diff *d);
Role     diff_role_of (Diff *d, guint num);

/* Whether anything of the signed revision but the widget @owner (and its
 * own appearance dictionaries) refers to object @num: the trailer, a page's
 * resources, another annotation, the catalog (bs-revision-sharing.c). */
gboolean diff_shared_beyond (Diff *d, guint num, guint owner);

/* The permission level a signature with certification level @docmdp and
 * @locks allows (1, 2 or 3; bs-change.c). */
int      diff_permission_level (int docmdp, const BsFieldLocks *locks);

/* Whether the signed revision referred to object @num (which it did not
 * define): a dangling reference an update may fill in. */
gboolean diff_referred_when_signed (Diff *d, guint num);

/* Adds to @out the numbers the signed version of object @num refers to
 * (read from the raw bytes when it is written uncompressed); FALSE when
 * the walk was cut short. */
gboolean diff_signed_references (Diff *d, guint num, GHashTable *out);

/* Drawn by the pages or their annotations (diff_is_drawn), or by the
 * pages themselves (diff_is_page_content). */
gboolean diff_is_drawn (Diff *d, guint num);
gboolean diff_is_page_content (Diff *d, guint num);

/* Rules per role (bs-revision-rules.c); @raw says where @a and @b are
 * written, or is NULL. */
void     rule_catalog  (Diff *d, BsPdfObj a, BsPdfObj b, const RawPair *raw);
void     rule_acroform (Diff *d, BsPdfObj a, BsPdfObj b, guint num, const RawPair *raw);
void     rule_fields   (Diff *d, BsPdfObj a, BsPdfObj b, guint num);
void     rule_page     (Diff *d, BsPdfObj a, BsPdfObj b, int page, const RawPair *raw);
void     rule_annots   (Diff *d, BsPdfObj a, BsPdfObj b, int page, guint num);
void     rule_field    (Diff *d, Role role, BsPdfObj a, BsPdfObj b, guint num, const RawPair *raw);

G_END_DECLS
