import type { RefObject } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { adminPath, listAll } from '../api/admin-lists.js';
import { api } from '../api/api-client.js';
import { ApiProblem } from '../api/api-problem.js';
import type { Business, Location } from '../api/api-types.js';
import { ProblemView } from '../app/problem-view.js';
import { Link, navigate, usePlace } from '../app/router.js';
import { useResource } from '../app/use-resource.js';
import { useSession } from '../app/use-session.js';
import { isPlatformAdmin, menuMemberships } from '../auth/access.js';
import { CategoryEditor } from './category-editor.js';
import { GroupEditor } from './group-editor.js';
import { GroupList } from './group-list.js';
import { ItemEditor } from './item-editor.js';
import { MenuOutline } from './menu-outline.js';
import type { MenuSelection } from './menu-selection.js';
import { countItems, findCategory, findItem, groupUse, searchTree } from './menu-tree-walk.js';
import type { Brand, Item, Menu, MenuTree, ModifierGroup, TreeCategory } from './menu-types.js';
import './menu.css';

interface Catalog {
  business: Business;
  menus: Menu[];
  brands: Brand[];
  locations: Location[];
}

async function loadCatalog(businessId: string): Promise<Catalog> {
  const [business, menus, brands, locations] = await Promise.all([
    api<Business>('GET', `/api/v1/businesses/${businessId}`),
    listAll<Menu>(businessId, 'menus'),
    listAll<Brand>(businessId, 'brands'),
    listAll<Location>(businessId, 'locations'),
  ]);
  return { business, menus, brands, locations };
}

/**
 * The menu manager of one business: a menu's nested categories and items (search, availability
 * switches), the business's modifier groups, and an editor for whichever is picked. Owners, managers and
 * platform admins edit (the admin API's writers); other staff may read, so they get the same screen
 * without its save buttons, and the API refuses their writes anyway.
 */
export function MenuScreen({ businessId }: { businessId: string }) {
  const session = useSession();
  const place = usePlace();
  const catalog = useResource(() => loadCatalog(businessId), businessId);
  // Whether the open editor holds edits not saved yet: read before anything replaces the editor.
  const unsavedEdits = useRef(false);
  const user = session?.user;
  const mayWrite =
    !!user && (isPlatformAdmin(user) || menuMemberships(user).some((m) => m.businessId === businessId));

  if (catalog.error) {
    return (
      <section class="screen">
        <h1>Menu</h1>
        <ProblemView error={catalog.error} what="open this business's menus" />
      </section>
    );
  }
  const data = catalog.data;
  if (!data) {
    return (
      <section class="screen" aria-busy="true">
        <h1>Menu</h1>
        <p class="muted">Loading…</p>
      </section>
    );
  }
  const wanted = place.params.get('menu');
  const menu = data.menus.find((one) => one.id === wanted) ?? data.menus[0];
  return (
    <section class="screen menu-manager" aria-labelledby="menu-title">
      <div class="screen-head">
        <h1 id="menu-title">Menu · {data.business.name}</h1>
        {data.menus.length > 1 && menu && (
          <MenuChooser
            menus={data.menus}
            brands={data.brands}
            chosen={menu.id}
            businessId={businessId}
            unsavedEdits={unsavedEdits}
          />
        )}
      </div>
      {!mayWrite && (
        <p class="notice" data-testid="read-only">
          Read only: your role may read this menu; only owners and managers change it.
        </p>
      )}
      {menu ? (
        <MenuWorkspace
          key={menu.id}
          businessId={businessId}
          menu={menu}
          currency={data.business.currency}
          brand={data.brands.find((brand) => brand.id === menu.brandId)}
          locations={data.locations}
          mayWrite={mayWrite}
          unsavedEdits={unsavedEdits}
        />
      ) : (
        <p class="empty">
          This business has no menus yet (a menu belongs to a brand; they are created through the API).
        </p>
      )}
    </section>
  );
}

function MenuChooser({
  menus,
  brands,
  chosen,
  businessId,
  unsavedEdits,
}: {
  menus: Menu[];
  brands: Brand[];
  chosen: string;
  businessId: string;
  unsavedEdits: RefObject<boolean>;
}) {
  const brandName = (id: string) => brands.find((brand) => brand.id === id)?.name ?? 'Brand';
  return (
    <div class="filters">
      <label>
        Menu
        <select
          value={chosen}
          onChange={(event) => {
            const next = event.currentTarget.value;
            // Asked here: once the menu changes, its workspace and open editor are gone.
            if (unsavedEdits.current && !window.confirm('Discard your unsaved changes?')) {
              event.currentTarget.value = chosen;
              return;
            }
            navigate(`/menu/${businessId}?menu=${next}`, { replace: true });
          }}
        >
          {menus.map((menu) => (
            <option key={menu.id} value={menu.id}>
              {brandName(menu.brandId)} — {menu.name}
              {menu.active ? '' : ' (inactive)'}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function MenuWorkspace({
  businessId,
  menu,
  currency,
  brand,
  locations,
  mayWrite,
  unsavedEdits,
}: {
  businessId: string;
  menu: Menu;
  currency: string;
  brand: Brand | undefined;
  locations: Location[];
  mayWrite: boolean;
  unsavedEdits: RefObject<boolean>;
}) {
  const tree = useResource(() => api<MenuTree>('GET', adminPath(businessId, 'menus', menu.id)), menu.id);
  const groups = useResource(() => listAll<ModifierGroup>(businessId, 'menu/modifiers'), businessId);
  const [tab, setTab] = useState<'items' | 'groups'>('items');
  const [selection, setSelection] = useState<MenuSelection | null>(null);
  const [search, setSearch] = useState('');
  const [switching, setSwitching] = useState<ReadonlySet<string>>(new Set());
  const [switchError, setSwitchError] = useState<unknown>(undefined);

  const onEdited = useCallback(
    (edited: boolean) => {
      unsavedEdits.current = edited;
    },
    [unsavedEdits],
  );
  // Leaving the page (reload, closing the tab) with unsaved edits asks the browser's own question.
  useEffect(() => {
    const guard = (event: BeforeUnloadEvent) => {
      if (unsavedEdits.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [unsavedEdits]);

  /** Opens something in the editor, unless the user keeps unsaved edits of what is open. */
  const choose = (next: MenuSelection | null) => {
    if (unsavedEdits.current && !window.confirm('Discard your unsaved changes?')) return;
    unsavedEdits.current = false;
    // The editor focuses its heading as it opens, which also scrolls it into view (below the list on a phone).
    setSelection(next);
  };

  const toggle = async (item: Item) => {
    setSwitching((current) => new Set(current).add(item.id));
    setSwitchError(undefined);
    try {
      await api<Item>('PATCH', adminPath(businessId, 'menu/items', item.id), { available: !item.available });
      tree.reload();
    } catch (error) {
      setSwitchError(error);
    } finally {
      setSwitching((current) => {
        const next = new Set(current);
        next.delete(item.id);
        return next;
      });
    }
  };

  const categories = (tree.data?.categories ?? []) as TreeCategory[];
  const groupList = groups.data ?? [];
  const shown = searchTree(categories, search);
  const servedAt = locations.filter((location) => brand?.locationIds.includes(location.id));

  return (
    <>
      {servedAt.length > 0 && (
        <details class="view-as">
          <summary>
            View as customer: {brand?.name ?? 'this brand'} at {servedAt.length}{' '}
            {servedAt.length === 1 ? 'restaurant' : 'restaurants'}
          </summary>
          <p>
            {servedAt.map((location) => (
              <Link key={location.id} href={`/restaurants/${location.id}`} class="chip-link">
                {location.name}
              </Link>
            ))}
          </p>
        </details>
      )}
      <div class="segmented">
        <button type="button" aria-pressed={tab === 'items'} onClick={() => setTab('items')}>
          Categories and items
        </button>
        <button type="button" aria-pressed={tab === 'groups'} onClick={() => setTab('groups')}>
          Modifier groups
        </button>
      </div>
      <div class="menu-layout">
        <div class="panel menu-list">
          {tab === 'items' ? (
            <>
              <div class="list-tools">
                <label class="search">
                  Search items
                  <input
                    type="search"
                    value={search}
                    placeholder="Name, description, SKU or tag"
                    onInput={(event) => setSearch(event.currentTarget.value)}
                  />
                </label>
                {mayWrite && (
                  <button type="button" onClick={() => choose({ kind: 'new-category', parentId: null })}>
                    New category
                  </button>
                )}
              </div>
              {tree.error !== undefined && <ProblemView error={tree.error} what="read this menu" />}
              {switchError !== undefined && (
                <InlineProblem error={switchError} what="Availability not changed" />
              )}
              {!tree.data && tree.error === undefined && <p class="muted">Loading…</p>}
              {tree.data && (
                <>
                  <p class="muted small" aria-live="polite">
                    {search.trim()
                      ? `${countItems(shown)} of ${countItems(categories)} items match`
                      : `${countItems(categories)} items in ${categories.length} categories`}
                  </p>
                  {categories.length === 0 ? (
                    <p class="empty">No categories yet.</p>
                  ) : shown.length === 0 ? (
                    <p class="empty">No item matches “{search}”.</p>
                  ) : (
                    <MenuOutline
                      categories={shown}
                      currency={currency}
                      selection={selection}
                      mayWrite={mayWrite}
                      switching={switching}
                      onSelect={choose}
                      onToggle={(item) => void toggle(item)}
                    />
                  )}
                </>
              )}
            </>
          ) : (
            <>
              <div class="list-tools">
                <p class="muted small">Groups are shared by every menu of the business.</p>
                {mayWrite && (
                  <button type="button" onClick={() => choose({ kind: 'new-group' })}>
                    New modifier group
                  </button>
                )}
              </div>
              {groups.error !== undefined && <ProblemView error={groups.error} what="read modifier groups" />}
              {!groups.data && groups.error === undefined && <p class="muted">Loading…</p>}
              {groups.data && (
                <GroupList
                  groups={groupList}
                  currency={currency}
                  use={groupUse(categories)}
                  selection={selection}
                  onSelect={choose}
                />
              )}
            </>
          )}
        </div>
        <div class="panel menu-editor">
          <Editor
            businessId={businessId}
            menuId={menu.id}
            currency={currency}
            selection={selection}
            categories={categories}
            groups={groupList}
            mayWrite={mayWrite}
            onEdited={onEdited}
            onSelected={(next) => {
              unsavedEdits.current = false;
              setSelection(next);
            }}
            reloadTree={tree.reload}
            reloadGroups={groups.reload}
            loading={tree.loading || groups.loading}
          />
        </div>
      </div>
    </>
  );
}

function Editor(props: {
  businessId: string;
  menuId: string;
  currency: string;
  selection: MenuSelection | null;
  categories: TreeCategory[];
  groups: ModifierGroup[];
  mayWrite: boolean;
  onEdited: (edited: boolean) => void;
  onSelected: (selection: MenuSelection | null) => void;
  reloadTree: () => void;
  reloadGroups: () => void;
  /** The tree or the groups are being read: what was picked may be in the answer. */
  loading: boolean;
}) {
  const { businessId, currency, selection, categories, groups, mayWrite, onEdited, onSelected, reloadTree } =
    props;
  if (!selection) {
    return <p class="muted">Pick an item, a category or a modifier group to see and change it here.</p>;
  }
  const removed = () => {
    onSelected(null);
    reloadTree();
  };
  switch (selection.kind) {
    case 'item':
    case 'new-item': {
      const item = selection.kind === 'item' ? findItem(categories, selection.id) : null;
      if (item === undefined) return <Missing loading={props.loading} />;
      return (
        <ItemEditor
          key={item?.id ?? `new-${selection.kind === 'new-item' ? selection.categoryId : ''}`}
          businessId={businessId}
          currency={currency}
          item={item}
          categoryId={item?.categoryId ?? (selection.kind === 'new-item' ? selection.categoryId : '')}
          categories={categories}
          groups={groups}
          mayWrite={mayWrite}
          created={selection.kind === 'item' && selection.created === true}
          onEdited={onEdited}
          onSaved={(saved) => {
            if (!item) onSelected({ kind: 'item', id: saved.id, created: true });
            reloadTree();
          }}
          onDeleted={removed}
        />
      );
    }
    case 'category':
    case 'new-category': {
      const category = selection.kind === 'category' ? findCategory(categories, selection.id) : null;
      if (category === undefined) return <Missing loading={props.loading} />;
      return (
        <CategoryEditor
          key={category?.id ?? `new-${selection.kind === 'new-category' ? selection.parentId : ''}`}
          businessId={businessId}
          menuId={props.menuId}
          category={category}
          parentId={selection.kind === 'new-category' ? selection.parentId : null}
          categories={categories}
          mayWrite={mayWrite}
          created={selection.kind === 'category' && selection.created === true}
          onEdited={onEdited}
          onSaved={(saved) => {
            if (!category) onSelected({ kind: 'category', id: saved.id, created: true });
            reloadTree();
          }}
          onDeleted={removed}
        />
      );
    }
    case 'group':
    case 'new-group': {
      const group = selection.kind === 'group' ? groups.find((one) => one.id === selection.id) : null;
      if (group === undefined) return <Missing loading={props.loading} />;
      return (
        <GroupEditor
          key={group?.id ?? 'new'}
          businessId={businessId}
          currency={currency}
          group={group}
          usedBy={group ? (groupUse(categories).get(group.id) ?? 0) : 0}
          mayWrite={mayWrite}
          created={selection.kind === 'group' && selection.created === true}
          onEdited={onEdited}
          onSaved={(saved) => {
            if (!group) onSelected({ kind: 'group', id: saved.id, created: true });
            props.reloadGroups();
            reloadTree();
          }}
          onDeleted={() => {
            onSelected(null);
            props.reloadGroups();
          }}
        />
      );
    }
  }
}

/** What was picked is not in the menu read (just created: the reload is on its way; or deleted elsewhere). */
function Missing({ loading }: { loading: boolean }) {
  return (
    <p class="muted">{loading ? 'Loading…' : 'It is no longer on this menu; it may have been deleted.'}</p>
  );
}

/** A refused quick action, with the API's status, code and detail. */
function InlineProblem({ error, what }: { error: unknown; what: string }) {
  return (
    <p class="form-error" role="alert">
      {what}:{' '}
      {error instanceof ApiProblem ? (
        <>
          {error.status} <code>{error.code}</code> — {error.body.detail ?? error.message}
        </>
      ) : error instanceof Error ? (
        error.message
      ) : (
        String(error)
      )}
    </p>
  );
}
