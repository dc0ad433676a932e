#ifndef DEPOSIT_INDEXER_CLIBXML2_SHIM_H
#define DEPOSIT_INDEXER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 advertises ICU, whose headers break clean debug builds on `UErrorCode`;
// nothing here needs ICU, so hide it before any other libxml2 header is read.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>
#include <stdlib.h>
#include <string.h>

// `xmlFree` is a mutable C global (a function pointer), which Swift 6 refuses to touch from
// concurrent code; a static inline function is an immutable entry point.
static inline void deposit_xml_free(void *p) { xmlFree(p); }

// libxml2 2.9 (Debian 12's) runs xmlCleanupParser from a library destructor at exit when its
// allocator is the C library's own. That frees, among others, the mutex of its dictionaries
// while another thread may still free a parser (a Swift task's teardown runs beside the main
// thread's exit): locking the freed mutex aborts (`Assertion 'mutex->__data.__owner == 0'`),
// which happened to a worker once. With allocator functions of its own, libxml2 skips that
// cleanup (its guard is `xmlFree == free`); these forward to the C library unchanged.
static void deposit_xml_forward_free(void *p) { free(p); }
static void *deposit_xml_forward_malloc(size_t size) { return malloc(size); }
static void *deposit_xml_forward_realloc(void *p, size_t size) { return realloc(p, size); }
static char *deposit_xml_forward_strdup(const char *s) { return strdup(s); }

// Whether libxml2's exit-time destructor would run xmlCleanupParser (its own guard).
static inline int deposit_xml_cleans_up_at_exit(void) { return xmlFree == free; }

// Call once, before anything else of libxml2 (and so before xmlInitParser).
static inline int deposit_xml_use_forwarding_allocator(void) {
    return xmlMemSetup(deposit_xml_forward_free, deposit_xml_forward_malloc, deposit_xml_forward_realloc,
                       deposit_xml_forward_strdup);
}
#endif
