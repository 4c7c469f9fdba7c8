import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { audited } from '../access/audited.ts';
import type { Deps } from '../deps.ts';
import {
  Code,
  DateTime,
  errorResponses,
  I18nText,
  Id,
  IdParams,
  Language,
  listOf,
  Nullable,
  oneOf,
  Paging,
} from '../http/schemas.ts';
import { createArticle, getArticle, updateArticle } from './articles.ts';
import { listArticles } from './search.ts';

const tags = ['knowledge'];
const KINDS = ['scheme', 'service', 'faq'] as const;
const Kind = oneOf(KINDS, { description: 'scheme, service (a certificate, a card) or faq' });
const LanguageKey = Type.String({ pattern: '^[a-z]{2,3}$' });

/** Longer text per language (eligibility, how to apply...). An empty object clears the field. */
const I18nLong = (maxLength: number, description: string) =>
  Type.Record(LanguageKey, Type.String({ minLength: 1, maxLength, pattern: '\\S' }), {
    additionalProperties: false,
    maxProperties: 20,
    description,
  });

const fields = {
  departmentId: Nullable(Id),
  kind: Kind,
  title: I18nText,
  summary: Type.Record(LanguageKey, Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' }), {
    minProperties: 1,
    additionalProperties: false,
    maxProperties: 20,
    description: 'One or two sentences per language: what it is and for whom',
  }),
  eligibility: I18nLong(5000, 'Who can get it'),
  benefits: I18nLong(5000, 'What one gets'),
  howToApply: I18nLong(5000, 'Where and how to apply'),
  documents: Type.Record(
    LanguageKey,
    Type.Array(Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' }), { maxItems: 30 }),
    {
      additionalProperties: false,
      maxProperties: 20,
      description: 'Documents needed, a list per language: {"en": ["Aadhaar card"], "hi": ["आधार कार्ड"]}',
    },
  ),
  shortAnswer: I18nLong(1000, 'What a helpline agent or the IVR reads out: two or three plain sentences'),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }), {
    maxItems: 30,
    description: 'Other words people use for it, in any language (found by search)',
  }),
  officialLink: Nullable(
    Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500, description: 'The official page' }),
  ),
  published: Type.Boolean({ description: 'Visible to the public; unpublished articles are seen by staff' }),
};

const Department = Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: I18nText }));
const Article = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: Kind,
  department: Department,
  title: I18nText,
  summary: fields.summary,
  eligibility: fields.eligibility,
  benefits: fields.benefits,
  howToApply: fields.howToApply,
  documents: fields.documents,
  shortAnswer: fields.shortAnswer,
  tags: Type.Array(Type.String()),
  officialLink: Nullable(Type.String()),
  published: Type.Boolean(),
  publishedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
/** Lists leave out the long texts: a phone on a slow network loads the detail when it is opened. */
const ArticleSummary = Type.Omit(Article, ['eligibility', 'benefits', 'howToApply', 'documents']);

const denied = { 401: errorResponses[400], 403: errorResponses[400] };

export function knowledgeRoutes(deps: Deps): FastifyPluginAsyncTypebox {
  const { db, clock } = deps;
  return async (app) => {
    app.get(
      '/api/knowledge',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'List or search schemes, services and questions',
          description:
            'Searches titles, summaries and tags in every language. `match=all` (the default) needs every word; `match=any` suits a question as it is being typed and ranks by how many words are found. ' +
            'Everyone sees published articles; `status=unpublished` or `all` adds drafts and withdrawn articles for agents, supervisors, admins and, for their department, nodal officers.',
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
              match: Type.Optional(oneOf(['all', 'any'] as const)),
              departmentId: Type.Optional(Id),
              kind: Type.Optional(Kind),
              status: Type.Optional(oneOf(['published', 'unpublished', 'all'] as const)),
              language: Type.Optional(Language),
              ...Paging,
            },
            { additionalProperties: false },
          ),
          response: { 200: listOf(ArticleSummary), ...errorResponses, ...denied },
        },
      },
      async (request) => listArticles(db, request.query, request.principal),
    );

    app.get(
      '/api/knowledge/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'An article (unpublished ones only for staff who may see them)',
          params: IdParams,
          response: { 200: Article, ...errorResponses },
        },
      },
      async (request) => getArticle(db, request.params.id, request.principal),
    );

    app.post(
      '/api/knowledge',
      {
        config: { access: ['admin', 'nodal_officer'] },
        schema: {
          tags,
          summary: 'Add an article (admins; nodal officers for their own department, statewide)',
          body: Type.Object(
            {
              code: Code,
              kind: fields.kind,
              title: fields.title,
              summary: fields.summary,
              departmentId: Type.Optional(fields.departmentId),
              eligibility: Type.Optional(fields.eligibility),
              benefits: Type.Optional(fields.benefits),
              howToApply: Type.Optional(fields.howToApply),
              documents: Type.Optional(fields.documents),
              shortAnswer: Type.Optional(fields.shortAnswer),
              tags: Type.Optional(fields.tags),
              officialLink: Type.Optional(fields.officialLink),
              published: Type.Optional(fields.published),
            },
            { additionalProperties: false },
          ),
          response: { 201: Article, ...errorResponses, ...denied },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await audited(
            deps,
            request,
            (trx) => createArticle(trx, clock, request.body, request.principal),
            (r) => ({ entityId: String(r.id) }),
          ),
        ),
    );

    app.patch(
      '/api/knowledge/:id',
      {
        config: { access: ['admin', 'nodal_officer'] },
        schema: {
          tags,
          summary: 'Change, publish or unpublish an article',
          description:
            'Send only what changes. `published: false` withdraws an article from the public without losing it.',
          params: IdParams,
          body: Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 }),
          response: { 200: Article, ...errorResponses, ...denied },
        },
      },
      async (request) =>
        audited(deps, request, (trx) =>
          updateArticle(trx, clock, request.params.id, request.body, request.principal),
        ),
    );
  };
}
