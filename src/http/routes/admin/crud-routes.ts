import { type Static, type TObject, type TSchema, type TString, Type } from '@sinclair/typebox';
import type { ActorRole } from '../../../auth/principal.js';
import { ListOf, PageQuery } from '../../../schemas/admin/pagination.js';
import { BusinessParams } from '../../../schemas/common.js';
import type { Page } from '../../../services/admin/pagination.js';
import type { BrigadeApp } from '../../brigade-app.js';

export type CrudOperation = 'create' | 'list' | 'get' | 'update' | 'delete';

const PlainPageQuery = Type.Object(PageQuery);
type PlainPageQuery = typeof PlainPageQuery;

/** What a business-scoped resource's service offers the five routes; typed by the routes' schemas. */
export interface CrudService<
  TView extends TSchema,
  TCreate extends TSchema,
  TUpdate extends TSchema,
  TQuery extends TSchema,
  TDetail extends TSchema,
> {
  create(businessId: string, body: Static<TCreate>): Promise<Static<TView>>;
  list(businessId: string, query: Static<TQuery>): Promise<Page<Static<TView>>>;
  get(businessId: string, id: string): Promise<Static<TDetail>>;
  update(businessId: string, id: string, body: Static<TUpdate>): Promise<Static<TView>>;
  delete(businessId: string, id: string): Promise<void>;
}

export interface CrudRoutes<
  TId extends string,
  TView extends TSchema,
  TCreate extends TSchema,
  TUpdate extends TSchema,
  TQuery extends TSchema,
  TDetail extends TSchema,
> {
  /** The collection; one resource lives at `${basePath}/:${idParam}`. */
  basePath: `/api/v1/businesses/:businessId/${string}`;
  idParam: TId;
  tags: string[];
  schemas: {
    view: TView;
    create: TCreate;
    update: TUpdate;
    itemParams: TObject<Record<'businessId' | TId, TString>>;
    /** The list's querystring; the plain page query (limit, cursor) when absent. */
    listQuery?: TQuery;
    /** GET one's reply when it says more than the view (a menu answers with its tree). */
    detail?: TDetail;
  };
  /** Roles on the path's business: `read` for list and get, `write` for the rest, unless one operation names its own. */
  access: { read: readonly ActorRole[]; write: readonly ActorRole[] } & Partial<
    Record<CrudOperation, readonly ActorRole[]>
  >;
  summaries: Record<CrudOperation, string>;
  service: CrudService<TView, TCreate, TUpdate, TQuery, TDetail>;
}

/** A request as the route's schemas validated it. */
interface Validated<TParams, TBody, TQuery> {
  params: TParams;
  body: TBody;
  query: TQuery;
}

type Params<TKey extends string> = Record<TKey, string>;

interface CrudRoute<TParams, TBody, TQuery> {
  method: 'POST' | 'GET' | 'PATCH' | 'DELETE';
  url: string;
  operation: CrudOperation;
  status: 200 | 201 | 204;
  schema: { params: TSchema; body?: TSchema; querystring?: TSchema };
  /** The reply's schema, under `status`. */
  reply: TSchema;
  run(request: Validated<TParams, TBody, TQuery>): Promise<unknown>;
}

/**
 * Registers create (201), list, get, update and delete (204) of one business-scoped admin resource,
 * each with its access policy and request and response schemas (they validate, serialize and make
 * the OpenAPI document). A resource with more endpoints registers those next to this call.
 */
export function registerCrudRoutes<
  TId extends string,
  TView extends TSchema,
  TCreate extends TSchema,
  TUpdate extends TSchema,
  TQuery extends TSchema = PlainPageQuery,
  TDetail extends TSchema = TView,
>(app: BrigadeApp, resource: CrudRoutes<TId, TView, TCreate, TUpdate, TQuery, TDetail>): void {
  const { basePath, idParam, tags, schemas, access, summaries, service } = resource;
  const one = `${basePath}/:${idParam}`;

  const register = <TParams, TBody = undefined, TQueryString = undefined>(
    route: CrudRoute<TParams, TBody, TQueryString>,
  ): void => {
    const reads = route.operation === 'list' || route.operation === 'get';
    const roles = access[route.operation] ?? (reads ? access.read : access.write);
    app.route({
      method: route.method,
      url: route.url,
      config: { access: { businessParam: 'businessId', roles } },
      schema: {
        tags,
        security: [{ bearer: [] }],
        summary: summaries[route.operation],
        ...route.schema,
        response: { [route.status]: route.reply },
      },
      handler: async (request, reply) => {
        // Fastify validated params, body and query against route.schema before this runs, but its
        // types cannot follow TypeBox's Static<> through this function's generic schemas: say it here.
        const validated = {
          params: request.params,
          body: request.body,
          query: request.query,
        } as Validated<TParams, TBody, TQueryString>;
        return reply.status(route.status).send(await route.run(validated));
      },
    });
  };

  register<Params<'businessId'>, Static<TCreate>>({
    method: 'POST',
    url: basePath,
    operation: 'create',
    status: 201,
    schema: { params: BusinessParams, body: schemas.create },
    reply: schemas.view,
    run: ({ params, body }) => service.create(params.businessId, body),
  });
  register<Params<'businessId'>, undefined, Static<TQuery>>({
    method: 'GET',
    url: basePath,
    operation: 'list',
    status: 200,
    schema: { params: BusinessParams, querystring: schemas.listQuery ?? PlainPageQuery },
    reply: ListOf(schemas.view),
    run: ({ params, query }) => service.list(params.businessId, query),
  });
  register<Params<'businessId' | TId>>({
    method: 'GET',
    url: one,
    operation: 'get',
    status: 200,
    schema: { params: schemas.itemParams },
    reply: schemas.detail ?? schemas.view,
    run: ({ params }) => service.get(params.businessId, params[idParam]),
  });
  register<Params<'businessId' | TId>, Static<TUpdate>>({
    method: 'PATCH',
    url: one,
    operation: 'update',
    status: 200,
    schema: { params: schemas.itemParams, body: schemas.update },
    reply: schemas.view,
    run: ({ params, body }) => service.update(params.businessId, params[idParam], body),
  });
  register<Params<'businessId' | TId>>({
    method: 'DELETE',
    url: one,
    operation: 'delete',
    status: 204,
    schema: { params: schemas.itemParams },
    reply: Type.Null(),
    run: async ({ params }) => {
      await service.delete(params.businessId, params[idParam]);
      return null;
    },
  });
}
