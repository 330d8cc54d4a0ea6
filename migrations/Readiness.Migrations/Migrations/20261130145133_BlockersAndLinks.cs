using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BlockersAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase().Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<DateOnly>(name: "blocked_since", table: "recommendations", type: "date", nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "blocker",
                table: "recommendations",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "blocker_note",
                table: "recommendations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true
            );

            migrationBuilder.CreateTable(
                name: "recommendation_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    other_recommendation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendation_links", x => x.id);
                    table.CheckConstraint("ck_recommendation_links_not_self", "recommendation_id <> other_recommendation_id");
                    table.ForeignKey(
                        name: "fk_recommendation_links_recommendations_other_recommendation_id",
                        column: x => x.other_recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_recommendation_links_recommendations_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "recommendations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade
                    );
                    table.ForeignKey(
                        name: "fk_recommendation_links_users_created_by_user_id",
                        column: x => x.created_by_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_blocker",
                table: "recommendations",
                column: "blocker",
                filter: "blocker IS NOT NULL"
            );

            migrationBuilder
                .CreateIndex(name: "ix_recommendations_title_trigrams", table: "recommendations", column: "title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_links_created_by_user_id",
                table: "recommendation_links",
                column: "created_by_user_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_links_other_recommendation_id",
                table: "recommendation_links",
                column: "other_recommendation_id"
            );

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_links_recommendation_id_other_recommendation",
                table: "recommendation_links",
                columns: new[] { "recommendation_id", "other_recommendation_id" },
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "recommendation_links");

            migrationBuilder.DropIndex(name: "ix_recommendations_blocker", table: "recommendations");

            migrationBuilder.DropIndex(name: "ix_recommendations_title_trigrams", table: "recommendations");

            migrationBuilder.DropColumn(name: "blocked_since", table: "recommendations");

            migrationBuilder.DropColumn(name: "blocker", table: "recommendations");

            migrationBuilder.DropColumn(name: "blocker_note", table: "recommendations");

            migrationBuilder.AlterDatabase().OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
