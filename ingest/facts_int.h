/* The private side of pl_facts: its arena and array capacities. */
#ifndef PARLEY_FACTS_INT_H
#define PARLEY_FACTS_INT_H

#include "buf.h"

typedef struct facts_impl {
  pl_arena arena;      /* strings and small arrays of the facts */
  size_t capactors;    /* allocated actors */
  size_t caproles;     /* allocated roles */
  size_t capdelegs;    /* allocated delegations */
  size_t capmeetings;  /* allocated meetings */
  size_t capproposals; /* allocated proposals */
} facts_impl;

#endif
