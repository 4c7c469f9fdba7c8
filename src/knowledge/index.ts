export type { Article, ArticleInput, ArticlePatch } from './articles.ts';
export { createArticle, getArticle, updateArticle } from './articles.ts';
export { mayEdit, mayReadUnpublished } from './policy.ts';
export { knowledgeRoutes } from './routes.ts';
export type { ArticleFilter, ArticleStatus } from './search.ts';
export { listArticles } from './search.ts';
export { searchWords } from './words.ts';
